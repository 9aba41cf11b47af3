namespace LeapMastery.Interop.Case;

/// <summary>The CFItems that could be read, and every identifier the package spelled, usable or not.</summary>
/// <param name="Mentioned">Identifiers of all items, including ones with errors, so an association pointing at a broken
/// item is not reported a second time as pointing at an unknown one.</param>
internal sealed record CaseItems(IReadOnlyList<CaseItemSource> Items, IReadOnlySet<string> Mentioned);
