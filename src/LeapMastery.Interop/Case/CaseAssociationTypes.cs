namespace LeapMastery.Interop.Case;

/// <summary>The CASE 1.0 associationType values the mapping gives a meaning; all others become <see cref="CaseLink"/>s.</summary>
public static class CaseAssociationTypes
{
    /// <summary>Origin is a child of destination: the framework tree.</summary>
    public const string IsChildOf = "isChildOf";

    /// <summary>Origin precedes destination: destination requires origin.</summary>
    public const string Precedes = "precedes";
}
