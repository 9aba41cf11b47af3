namespace LeapMastery.Interop.Case;

/// <summary>The package's CFDocument: what becomes the framework itself.</summary>
/// <param name="Identifier">The CFDocument's UUID in lower-case canonical form; the framework's caseIdentifier.</param>
/// <param name="Uri">The CFDocument's uri, null when the export has none.</param>
/// <param name="Version">The publisher's own version label, kept as given (CASE does not order versions).</param>
/// <param name="LastChangeDateTime">When the publisher last changed the document; the way to tell a newer export.
/// A time without an offset (OpenSALT writes <c>2017-05-25T18:05:33</c>) is read as UTC.</param>
/// <param name="SuggestedCode">A framework code made from the title; the caller may pass its own instead.</param>
public sealed record CaseDocument(
    string Identifier,
    string? Uri,
    string Title,
    string? Description,
    string? Version,
    DateTimeOffset? LastChangeDateTime,
    string SuggestedCode);
