namespace LeapMastery.Interop.Case;

/// <summary>
/// An association's node as the export wrote it: a link object <c>{ title, identifier, uri }</c> (the CASE form) or a
/// plain URI string (the shape OpenSALT 2017 uses for other links, taken here too). At least one of identifier and uri
/// is set.
/// </summary>
internal sealed record CaseNodeRef(string? Identifier, string? Uri, string? Title);
