namespace LeapMastery.Interop.Case;

/// <summary>An association whose origin is a CFItem of the package and whose destination has been located.</summary>
/// <param name="DestinationIdentifier">The item's or document's identifier; for an external node its identifier if given.</param>
internal sealed record CaseAssociation(
    CaseAssociationSource Source,
    string OriginIdentifier,
    CaseLinkTarget Target,
    string? DestinationIdentifier)
{
    public string Type => Source.Type;

    public CaseLink ToLink() => new(
        Source.Identifier, Source.Type, OriginIdentifier, Target, DestinationIdentifier,
        Source.Destination.Uri, Source.Destination.Title);
}
