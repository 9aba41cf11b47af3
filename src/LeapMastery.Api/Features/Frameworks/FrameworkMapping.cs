using LeapMastery.Domain;
using LeapMastery.Domain.Frameworks;
using LeapMastery.Domain.Mastery;
using NodaTime;

namespace LeapMastery.Api.Features.Frameworks;

/// <summary>Translates between the wire contracts and the domain's framework definition.</summary>
public static class FrameworkMapping
{
    /// <summary>
    /// Builds a definition from a body (errors: what does not parse, such as an unknown method). Competencies keep their id
    /// across versions (matched by code); new ones get new ids.
    /// </summary>
    public static (FrameworkDefinition? Definition, IReadOnlyList<DomainError> Errors) ToDefinition(
        FrameworkBody body, FrameworkDefinition? previous, Func<Guid> newId)
    {
        var errors = new List<DomainError>();
        var policy = ToPolicy(body.Policy!, "policy", errors);
        var competencies = new List<CompetencyDefinition>(body.Competencies.Count);
        for (var i = 0; i < body.Competencies.Count; i++)
        {
            var c = body.Competencies[i];
            var existing = previous?.FindByCode(c.Code);
            var own = c.Policy is null ? null : ToPolicy(c.Policy, $"competencies[{i}].policy", errors);
            competencies.Add(new CompetencyDefinition(existing?.Id ?? newId(), c.Code, c.Statement, c.Kind,
                string.IsNullOrEmpty(c.ParentCode) ? null : c.ParentCode, own, existing?.CaseIdentifier, existing?.CaseUri));
        }
        if (errors.Count > 0 || policy is null) return (null, errors);

        var definition = new FrameworkDefinition(
            body.Code,
            body.Title,
            body.Description,
            ToScale(body.Scale!),
            policy,
            competencies,
            body.Prerequisites.Select(p => new PrerequisiteLink(p.CompetencyCode, p.RequiresCode)).ToList(),
            body.Progressions.Select(p => new ProgressionDefinition(p.Code, p.Title, p.Steps.ToList())).ToList(),
            body.Extensions.Select(e => new ExtensionLink(e.CompetencyCode, e.DeeperCode)).ToList(),
            previous?.CaseIdentifier,
            previous?.CaseUri,
            previous?.Links,
            previous?.CaseLastChange,
            ToGrading(body.Grading));
        // The framework rules are the decisions' (FrameworkDecisions), checked there.
        return (definition, []);
    }

    public static ProficiencyScale ToScale(ScaleContract s) => new(
        s.MinPoints, s.MaxPoints, s.MasteryThreshold,
        s.Levels.Select(l => new ProficiencyLevel(l.Code, l.Label, l.Description, l.MinScore)).ToList());

    public static CalculationPolicy? ToPolicy(PolicyContract p, string field, List<DomainError> errors)
    {
        if (!CalculationMethods.TryParse(p.Method, out var method))
        {
            errors.Add(new($"{field}.method", $"Unknown calculation method '{p.Method}'. See docs/mastery.md for the methods."));
            return null;
        }
        return new CalculationPolicy(method, new Dictionary<string, decimal>(p.Parameters), p.MinEvidence, p.MinModalities, p.CountSelfAssessment,
            p.RecencyWindowDays, p.MasteryValidForDays);
    }

    public static GradingScheme? ToGrading(GradingContract? g) =>
        g is null ? null : new GradingScheme(g.Bands.Select(b => new GradeBand(b.Grade, b.MinMean, string.IsNullOrEmpty(b.NoLevelBelow) ? null : b.NoLevelBelow)).ToList(), g.Decimals);

    public static GradingContract? ToContract(GradingScheme? g) =>
        g is null ? null : new GradingContract
        {
            Decimals = g.Decimals,
            Bands = g.Bands.Select(b => new GradeBandContract { Grade = b.Grade, MinMean = b.MinMean, NoLevelBelow = b.NoLevelBelow }).ToList(),
        };

    public static PolicyContract ToContract(CalculationPolicy p) => new()
    {
        Method = CalculationMethods.ToWireName(p.Method),
        Parameters = new Dictionary<string, decimal>(p.Parameters),
        MinEvidence = p.MinEvidence,
        MinModalities = p.MinModalities,
        CountSelfAssessment = p.CountSelfAssessment,
        RecencyWindowDays = p.RecencyWindowDays,
        MasteryValidForDays = p.MasteryValidForDays,
    };

    public static FrameworkResponse ToResponse(FrameworkDocument doc)
    {
        var d = doc.Definition;
        return new FrameworkResponse
        {
            FrameworkId = doc.Id,
            Version = doc.Version,
            Code = d.Code,
            Title = d.Title,
            Description = d.Description,
            CaseIdentifier = d.CaseIdentifier,
            Scale = new ScaleContract
            {
                MinPoints = d.Scale.MinPoints,
                MaxPoints = d.Scale.MaxPoints,
                MasteryThreshold = d.Scale.MasteryThreshold,
                Levels = d.Scale.Levels.Select(l => new LevelContract { Code = l.Code, Label = l.Label, Description = l.Description, MinScore = l.MinScore }).ToList(),
            },
            Policy = ToContract(d.Policy),
            Competencies = d.Competencies.Select(c => new CompetencyResponse
            {
                CompetencyId = c.Id,
                Code = c.Code,
                Statement = c.Statement,
                Kind = c.Kind,
                ParentCode = c.ParentCode,
                Policy = c.Policy is null ? null : ToContract(c.Policy),
                CaseIdentifier = c.CaseIdentifier,
                CaseUri = c.CaseUri,
            }).ToList(),
            Prerequisites = d.Prerequisites.Select(p => new PrerequisiteContract { CompetencyCode = p.CompetencyCode, RequiresCode = p.RequiresCode }).ToList(),
            Progressions = d.Progressions.Select(p => new ProgressionContract { Code = p.Code, Title = p.Title, Steps = p.Steps.ToList() }).ToList(),
            Extensions = d.Extensions.Select(e => new ExtensionContract { CompetencyCode = e.CompetencyCode, DeeperCode = e.DeeperCode }).ToList(),
            Links = (d.Links ?? []).Select(l => new LinkResponse
            {
                Type = l.Type, OriginCode = l.OriginCode, DestinationCode = l.DestinationCode, DestinationIdentifier = l.DestinationIdentifier,
                DestinationUri = l.DestinationUri, DestinationTitle = l.DestinationTitle,
            }).ToList(),
            CaseUri = d.CaseUri,
            CaseLastChange = d.CaseLastChange,
            Grading = ToContract(d.Grading),
            CreatedAt = doc.CreatedAt,
            UpdatedAt = doc.UpdatedAt,
        };
    }
}

public sealed class FrameworkResponse
{
    public Guid FrameworkId { get; set; }
    /// <summary>Starts at 1; each PUT makes a new version.</summary>
    public int Version { get; set; }
    public string Code { get; set; } = "";
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public string? CaseIdentifier { get; set; }
    public ScaleContract Scale { get; set; } = new();
    public PolicyContract Policy { get; set; } = new();
    public List<CompetencyResponse> Competencies { get; set; } = [];
    public List<PrerequisiteContract> Prerequisites { get; set; } = [];
    public List<ProgressionContract> Progressions { get; set; } = [];
    public List<ExtensionContract> Extensions { get; set; } = [];
    /// <summary>Relations kept from an imported CASE package that the framework has no field for (exactMatchOf, isRelatedTo, …).</summary>
    public List<LinkResponse> Links { get; set; } = [];
    public string? CaseUri { get; set; }
    /// <summary>The imported CASE document's lastChangeDateTime.</summary>
    public Instant? CaseLastChange { get; set; }
    /// <summary>The grading scheme, when the framework has one.</summary>
    public GradingContract? Grading { get; set; }
    public Instant CreatedAt { get; set; }
    public Instant UpdatedAt { get; set; }
    /// <summary>In the answer to a revision only: the recomputation of the framework's learners under the new version (watch it at its <c>href</c>).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public Recomputations.RecomputationResponse? Recomputation { get; set; }
}

public sealed class CompetencyResponse
{
    public Guid CompetencyId { get; set; }
    public string Code { get; set; } = "";
    public string Statement { get; set; } = "";
    public CompetencyKind Kind { get; set; }
    public string? ParentCode { get; set; }
    public PolicyContract? Policy { get; set; }
    public string? CaseIdentifier { get; set; }
    public string? CaseUri { get; set; }
}

/// <summary>A short line per framework, for lists.</summary>
public sealed class FrameworkSummary
{
    public Guid FrameworkId { get; set; }
    public string Code { get; set; } = "";
    public string Title { get; set; } = "";
    public int Version { get; set; }
    public int CompetencyCount { get; set; }
    public Instant UpdatedAt { get; set; }
}

public sealed class LinkResponse
{
    /// <summary>The CASE association type, e.g. exactMatchOf.</summary>
    public string Type { get; set; } = "";
    public string OriginCode { get; set; } = "";
    /// <summary>The destination's code when it is a competency of this framework.</summary>
    public string? DestinationCode { get; set; }
    public string? DestinationIdentifier { get; set; }
    public string? DestinationUri { get; set; }
    public string? DestinationTitle { get; set; }
}
