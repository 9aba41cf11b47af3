namespace LeapMastery.Interop.Case;

/// <summary>
/// A reference to a node as an export wrote it: a link object <c>{ title, identifier, uri }</c> (the CASE form) or a plain
/// URI string (what OpenSALT writes for CFDocumentURI on items). At least one of identifier and uri is set.
/// </summary>
internal sealed record CaseNodeRef(string? Identifier, string? Uri, string? Title);
