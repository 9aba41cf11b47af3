namespace LeapMastery.Interop.Case;

/// <summary>A CFAssociation as read and checked, before its nodes are resolved against the package.</summary>
internal sealed record CaseAssociationSource(
    int Index,
    string? Identifier,
    string Type,
    CaseNodeRef Origin,
    CaseNodeRef Destination,
    int? SequenceNumber);
