using System.Text.RegularExpressions;
using LeapMastery.Domain;

namespace LeapMastery.Interop.EdFi;

/// <summary>
/// A district's mapping of its report cards onto the Ed-Fi Data Standard (5, or 4 for older state systems): the school and
/// school year its grading periods belong to, each reporting period's grading period, the Ed-Fi grade level of each
/// framework's objectives, and which Ed-Fi competency level (and performance level) each scale level is.
/// </summary>
public sealed record EdFiMapping(
    long SchoolId,
    int SchoolYear,
    IReadOnlyList<EdFiGradingPeriodMapping> GradingPeriods,
    IReadOnlyList<EdFiLevelMapping> Levels,
    IReadOnlyList<EdFiFrameworkMapping> Frameworks,
    int DataStandard = 5)
{
    public EdFiGradingPeriodMapping? PeriodFor(string periodCode) => GradingPeriods.FirstOrDefault(p => p.PeriodCode == periodCode);

    public EdFiFrameworkMapping? FrameworkFor(string frameworkCode) => Frameworks.FirstOrDefault(f => f.FrameworkCode == frameworkCode);

    /// <summary>A scale level's mapping under a framework: the framework's own list when it has one, else the district's.</summary>
    public EdFiLevelMapping? LevelFor(EdFiFrameworkMapping framework, string levelCode) =>
        (framework.Levels ?? Levels).FirstOrDefault(l => l.LevelCode == levelCode);
}

/// <summary>
/// The Ed-Fi grading period a reporting period (by its code) is: its descriptor, its name (Data Standard 5's key; the
/// period's code when not given) and its sequence (Data Standard 4's key).
/// </summary>
public sealed record EdFiGradingPeriodMapping(string PeriodCode, string GradingPeriodDescriptor, string? GradingPeriodName, int? PeriodSequence)
{
    public string NameOr(string periodCode) => GradingPeriodName ?? periodCode;
}

/// <summary>A scale level (by its code) as an Ed-Fi CompetencyLevelDescriptor, and optionally a PerformanceBaseConversionDescriptor.</summary>
public sealed record EdFiLevelMapping(string LevelCode, string CompetencyLevelDescriptor, string? PerformanceBaseConversionDescriptor);

/// <summary>
/// A framework (by its code) that goes to the state system: the Ed-Fi grade level of its competency objectives, and its
/// own level mapping when its scale's levels differ from the district's.
/// </summary>
public sealed record EdFiFrameworkMapping(string FrameworkCode, string ObjectiveGradeLevelDescriptor, IReadOnlyList<EdFiLevelMapping>? Levels);

/// <summary>The rules a mapping must follow before it is stored; each error names the field of the request.</summary>
public static partial class EdFiMappingRules
{
    /// <summary>Ed-Fi limits: a descriptor's namespace is at most 255 characters and its code value at most 50.</summary>
    public const int MaxNamespaceLength = 255, MaxCodeValueLength = 50;

    public static IReadOnlyList<DomainError> Validate(EdFiMapping mapping)
    {
        var errors = new List<DomainError>();
        if (mapping.SchoolId <= 0) errors.Add(new("schoolId", "The Ed-Fi educationOrganizationId of the school: a positive integer."));
        if (mapping.SchoolYear is < 1900 or > 2100) errors.Add(new("schoolYear", "The Ed-Fi school year (the calendar year it ends in), 1900 to 2100."));
        if (mapping.DataStandard is not (4 or 5)) errors.Add(new("dataStandard", "The Ed-Fi Data Standard the state system runs: 5 (the default) or 4."));

        Unique(mapping.GradingPeriods.Select(p => p.PeriodCode), "gradingPeriods", "periodCode", "reporting period", errors);
        for (var i = 0; i < mapping.GradingPeriods.Count; i++)
        {
            var p = mapping.GradingPeriods[i];
            Code(p.PeriodCode, $"gradingPeriods[{i}].periodCode", errors);
            Descriptor(p.GradingPeriodDescriptor, "GradingPeriodDescriptor", $"gradingPeriods[{i}].gradingPeriodDescriptor", errors);
            if (p.PeriodSequence is < 1) errors.Add(new($"gradingPeriods[{i}].periodSequence", "At least 1."));
            else if (p.PeriodSequence is null && mapping.DataStandard == 4)
                errors.Add(new($"gradingPeriods[{i}].periodSequence", "Data Standard 4 keys a grading period by its sequence: required."));
            if (p.GradingPeriodName is { } name && (string.IsNullOrWhiteSpace(name) || name.Length > EdFiReportCards.MaxGradingPeriodNameLength))
                errors.Add(new($"gradingPeriods[{i}].gradingPeriodName", $"1 to {EdFiReportCards.MaxGradingPeriodNameLength} characters (Ed-Fi's limit), or left out for the period's code."));
        }

        Levels(mapping.Levels, "levels", errors);
        Unique(mapping.Frameworks.Select(f => f.FrameworkCode), "frameworks", "frameworkCode", "framework", errors);
        for (var i = 0; i < mapping.Frameworks.Count; i++)
        {
            var f = mapping.Frameworks[i];
            Code(f.FrameworkCode, $"frameworks[{i}].frameworkCode", errors);
            Descriptor(f.ObjectiveGradeLevelDescriptor, "GradeLevelDescriptor", $"frameworks[{i}].objectiveGradeLevelDescriptor", errors);
            if (f.Levels is { } own) Levels(own, $"frameworks[{i}].levels", errors);
        }
        return errors;
    }

    private static void Levels(IReadOnlyList<EdFiLevelMapping> levels, string field, List<DomainError> errors)
    {
        Unique(levels.Select(l => l.LevelCode), field, "levelCode", "scale level", errors);
        for (var i = 0; i < levels.Count; i++)
        {
            var l = levels[i];
            Code(l.LevelCode, $"{field}[{i}].levelCode", errors);
            Descriptor(l.CompetencyLevelDescriptor, "CompetencyLevelDescriptor", $"{field}[{i}].competencyLevelDescriptor", errors);
            if (l.PerformanceBaseConversionDescriptor is { } performance)
                Descriptor(performance, "PerformanceBaseConversionDescriptor", $"{field}[{i}].performanceBaseConversionDescriptor", errors);
        }
    }

    private static void Code(string code, string field, List<DomainError> errors)
    {
        if (string.IsNullOrWhiteSpace(code)) errors.Add(new(field, "Required."));
        else if (code.Length > 200) errors.Add(new(field, "At most 200 characters."));
    }

    private static void Unique(IEnumerable<string> codes, string list, string property, string what, List<DomainError> errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var code in codes)
        {
            if (!seen.Add(code)) errors.Add(new($"{list}[{i}].{property}", $"The {what} '{code}' is mapped twice."));
            i++;
        }
    }

    /// <summary>
    /// An Ed-Fi descriptor value as the ODS/API exchanges it: <c>uri://{authority}/{…}/{DescriptorName}#{codeValue}</c>, for
    /// example <c>uri://ed-fi.org/CompetencyLevelDescriptor#Proficient</c> (a state's own namespace is just as good).
    /// </summary>
    public static bool IsDescriptor(string? value, string descriptorName)
    {
        if (value is null) return false;
        var hash = value.IndexOf('#');
        if (hash < 0) return false;
        var (ns, codeValue) = (value[..hash], value[(hash + 1)..]);
        return ns.Length <= MaxNamespaceLength && codeValue.Length is > 0 and <= MaxCodeValueLength && codeValue.Trim().Length == codeValue.Length
               && !codeValue.Contains('#') && Namespace().IsMatch(ns) && ns.EndsWith("/" + descriptorName, StringComparison.Ordinal);
    }

    private static void Descriptor(string value, string descriptorName, string field, List<DomainError> errors)
    {
        if (!IsDescriptor(value, descriptorName))
            errors.Add(new(field, $"An Ed-Fi {descriptorName} value, 'uri://{{namespace}}/{descriptorName}#{{codeValue}}' " +
                                  $"(e.g. uri://ed-fi.org/{descriptorName}#…; a namespace of at most {MaxNamespaceLength} characters, a code value of 1 to {MaxCodeValueLength})."));
    }

    [GeneratedRegex(@"^uri://[A-Za-z0-9.\-]+(/[^\s/#]+)+$")]
    private static partial Regex Namespace();
}
