namespace LeapMastery.Domain.Frameworks;

/// <summary>Where a competency sits in its framework's tree (CASE calls every node a CFItem).</summary>
public enum CompetencyKind
{
    Domain,
    Strand,
    Competency,
    SubSkill,
}
