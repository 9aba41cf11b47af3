namespace LeapMastery.Interop.Case;

/// <summary>
/// An association the framework has no field for (exactMatchOf, isRelatedTo, exemplar, a precedes to an item outside the
/// package…), kept as the publisher wrote it.
/// </summary>
/// <param name="Identifier">The CFAssociation's own identifier, when given.</param>
/// <param name="Type">The associationType, as given (CASE extensions included).</param>
/// <param name="OriginIdentifier">The origin CFItem (always an item of the package).</param>
/// <param name="DestinationIdentifier">Lower-case canonical when it is a UUID; null when the export gave only a URI.</param>
/// <param name="DestinationTitle">The destination's title when given (OpenSALT often writes a placeholder like "Destination").</param>
public sealed record CaseLink(
    string? Identifier,
    string Type,
    string OriginIdentifier,
    CaseLinkTarget Target,
    string? DestinationIdentifier,
    string? DestinationUri,
    string? DestinationTitle);
