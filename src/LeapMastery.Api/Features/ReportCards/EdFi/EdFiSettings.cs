using System.Text.Json.Serialization;
using LeapMastery.Interop.EdFi;

namespace LeapMastery.Api.Features.ReportCards.EdFi;

/// <summary>The district's Ed-Fi mapping, stored once per tenant.</summary>
public sealed class EdFiSettingsDocument
{
    public const string TheId = "ed-fi";
    public string Id { get; set; } = TheId;
    public EdFiSettingsContract Settings { get; set; } = new();
}

/// <summary>
/// How the district's report cards map onto Ed-Fi (docs/report-cards.md): the school and school year, each reporting
/// period's grading period, the Ed-Fi competency level of each scale level, and the frameworks that go to the state system.
/// </summary>
public sealed class EdFiSettingsContract
{
    /// <summary>The Ed-Fi <c>schoolId</c> (a School's <c>educationOrganizationId</c>) the grading periods and competency objectives belong to; one mapping per tenant, so a district with several schools in Ed-Fi runs a tenant per school today.</summary>
    [JsonRequired] public long SchoolId { get; set; }
    /// <summary>The Ed-Fi Data Standard the state system runs: 5 (the default; grading periods keyed by name) or 4 (keyed by sequence).</summary>
    public int DataStandard { get; set; } = 5;
    /// <summary>The Ed-Fi school year: the calendar year the school year ends in (2027 for 2026–27).</summary>
    [JsonRequired] public int SchoolYear { get; set; }
    /// <summary>Each reporting period (by its code) as an Ed-Fi grading period. A period not listed has no Ed-Fi report card (409).</summary>
    public List<EdFiGradingPeriodContract> GradingPeriods { get; set; } = [];
    /// <summary>Each scale level (by its code) as an Ed-Fi competency level, for every framework without its own list.</summary>
    public List<EdFiLevelContract> Levels { get; set; } = [];
    /// <summary>The frameworks (by code) that go to the state system; frameworks not listed are left out of the Ed-Fi shape.</summary>
    public List<EdFiFrameworkContract> Frameworks { get; set; } = [];

    public EdFiMapping ToMapping() => new(SchoolId, SchoolYear,
        GradingPeriods.Select(p => new EdFiGradingPeriodMapping(p.PeriodCode, p.GradingPeriodDescriptor, p.GradingPeriodName, p.PeriodSequence)).ToList(),
        Levels.Select(l => l.ToMapping()).ToList(),
        Frameworks.Select(f => new EdFiFrameworkMapping(f.FrameworkCode, f.ObjectiveGradeLevelDescriptor, f.Levels?.Select(l => l.ToMapping()).ToList())).ToList(),
        DataStandard);
}

public sealed class EdFiGradingPeriodContract
{
    /// <summary>The reporting period's code.</summary>
    [JsonRequired] public string PeriodCode { get; set; } = "";
    /// <summary>An Ed-Fi GradingPeriodDescriptor, e.g. <c>uri://ed-fi.org/GradingPeriodDescriptor#First Quarter</c>.</summary>
    [JsonRequired] public string GradingPeriodDescriptor { get; set; } = "";
    /// <summary>The Ed-Fi <c>gradingPeriodName</c> (Data Standard 5's key), at most 60 characters; the period's code when not given. Not used with Data Standard 4.</summary>
    public string? GradingPeriodName { get; set; }
    /// <summary>The period's sequence in the school year: Data Standard 4's key, required there; not used with Data Standard 5.</summary>
    public int? PeriodSequence { get; set; }
}

public sealed class EdFiLevelContract
{
    /// <summary>A scale level's code.</summary>
    [JsonRequired] public string LevelCode { get; set; } = "";
    /// <summary>An Ed-Fi CompetencyLevelDescriptor, e.g. <c>uri://ed-fi.org/CompetencyLevelDescriptor#Proficient</c>.</summary>
    [JsonRequired] public string CompetencyLevelDescriptor { get; set; } = "";
    /// <summary>Optionally an Ed-Fi PerformanceBaseConversionDescriptor for the learning-standard grades, e.g. <c>uri://ed-fi.org/PerformanceBaseConversionDescriptor#Proficient</c>.</summary>
    public string? PerformanceBaseConversionDescriptor { get; set; }

    public EdFiLevelMapping ToMapping() => new(LevelCode, CompetencyLevelDescriptor, PerformanceBaseConversionDescriptor);
}

public sealed class EdFiFrameworkContract
{
    /// <summary>The framework's code.</summary>
    [JsonRequired] public string FrameworkCode { get; set; } = "";
    /// <summary>The Ed-Fi GradeLevelDescriptor of its competency objectives, e.g. <c>uri://ed-fi.org/GradeLevelDescriptor#Fifth grade</c>.</summary>
    [JsonRequired] public string ObjectiveGradeLevelDescriptor { get; set; } = "";
    /// <summary>Its own level mapping, when its scale differs from the district's <c>levels</c>.</summary>
    public List<EdFiLevelContract>? Levels { get; set; }
}
