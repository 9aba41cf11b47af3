using System.Text.Json.Serialization;
using LeapMastery.Api.Features.Frameworks;
using LeapMastery.Domain;
using LeapMastery.Domain.Assessments;
using LeapMastery.Domain.Mastery;

namespace LeapMastery.Api.Features.Assessments;

public sealed class SectionContract
{
    public string Code { get; set; } = "";
    public string? Title { get; set; }
    /// <summary>The competency this section measures: give competencyId or caseIdentifier.</summary>
    public Guid? CompetencyId { get; set; }
    public string? CaseIdentifier { get; set; }
    [JsonRequired] public decimal MaxPoints { get; set; }
}

public sealed class CutScoreContract
{
    /// <summary>A fraction of the section's points (0..1) at or above which the level is earned.</summary>
    [JsonRequired] public decimal MinFraction { get; set; }
    public string LevelCode { get; set; } = "";
}

public sealed class AttemptPolicyContract
{
    /// <summary>Omit for unlimited attempts (the default); voided attempts do not count.</summary>
    public int? MaxAttempts { get; set; }
    /// <summary>When true, an attempt may start only once the prerequisites of every assessed competency are mastered or placed.</summary>
    public bool RequirePrerequisites { get; set; }
}

public sealed class ExternalIdContract
{
    /// <summary>Which system knows it by this id: e.g. lti (an AGS line item), oneroster (an assessmentLineItem sourcedId), xapi (an activity IRI).</summary>
    public string System { get; set; } = "";
    public string Id { get; set; } = "";
}

public sealed class AssessmentBody
{
    public string Code { get; set; } = "";
    public string Title { get; set; } = "";
    [JsonRequired] public Guid FrameworkId { get; set; }
    /// <summary>The evidence modality its attempts produce (default assessment).</summary>
    public string? Modality { get; set; }
    public List<SectionContract> Sections { get; set; } = [];
    /// <summary>Fraction → level (MASTERY §2); without cut scores a section's fraction maps linearly onto the scale.</summary>
    public List<CutScoreContract> CutScores { get; set; } = [];
    public AttemptPolicyContract? AttemptPolicy { get; set; }
    public List<ExternalIdContract> ExternalIds { get; set; } = [];
}

public sealed class AssessmentResponse
{
    public Guid AssessmentId { get; set; }
    public int Version { get; set; }
    public string Code { get; set; } = "";
    public string Title { get; set; } = "";
    public Guid FrameworkId { get; set; }
    public string Modality { get; set; } = "";
    public List<SectionContract> Sections { get; set; } = [];
    public List<CutScoreContract> CutScores { get; set; } = [];
    public AttemptPolicyContract AttemptPolicy { get; set; } = new();
    public List<ExternalIdContract> ExternalIds { get; set; } = [];

    public static AssessmentResponse From(AssessmentDocument doc)
    {
        var d = doc.Definition;
        return new AssessmentResponse
        {
            AssessmentId = doc.Id,
            Version = doc.Version,
            Code = d.Code,
            Title = d.Title,
            FrameworkId = d.FrameworkId,
            Modality = d.Modality,
            Sections = d.Sections.Select(s => new SectionContract { Code = s.Code, Title = s.Title, CompetencyId = s.CompetencyId, MaxPoints = s.MaxPoints }).ToList(),
            CutScores = d.CutScores.Select(c => new CutScoreContract { MinFraction = c.MinFraction, LevelCode = c.LevelCode }).ToList(),
            AttemptPolicy = new AttemptPolicyContract { MaxAttempts = d.MaxAttempts, RequirePrerequisites = d.RequirePrerequisites },
            ExternalIds = d.ExternalIds.Select(e => new ExternalIdContract { System = e.System, Id = e.Id }).ToList(),
        };
    }

    /// <summary>Builds the domain definition against the framework it is aligned to; errors name the body's fields.</summary>
    public static (AssessmentDefinition? Definition, IReadOnlyList<DomainError> Errors) ToDefinition(AssessmentBody body, FrameworkDocument? framework)
    {
        if (framework is null) return (null, [new DomainError("frameworkId", $"No framework {body.FrameworkId} in this tenant.")]);
        var errors = new List<DomainError>();
        var sections = new List<AssessmentSection>();
        for (var i = 0; i < body.Sections.Count; i++)
        {
            var s = body.Sections[i];
            Guid? id = s.CompetencyId;
            if ((s.CompetencyId is null) == (s.CaseIdentifier is null))
                errors.Add(new($"sections[{i}].competencyId", "Give exactly one of competencyId or caseIdentifier."));
            else if (s.CaseIdentifier is not null)
            {
                id = framework.Definition.Competencies.FirstOrDefault(c => string.Equals(c.CaseIdentifier, s.CaseIdentifier, StringComparison.OrdinalIgnoreCase))?.Id;
                if (id is null) errors.Add(new($"sections[{i}].caseIdentifier", $"No competency with CASE identifier '{s.CaseIdentifier}' in the framework."));
            }
            sections.Add(new AssessmentSection(s.Code, s.Title, id ?? Guid.Empty, s.MaxPoints));
        }
        var definition = new AssessmentDefinition(body.Code, body.Title, framework.Id, body.Modality ?? EvidenceModality.Assessment, sections,
            body.CutScores.Select(c => new CutScore(c.MinFraction, c.LevelCode)).ToList(),
            body.AttemptPolicy?.MaxAttempts, body.AttemptPolicy?.RequirePrerequisites ?? false,
            body.ExternalIds.Select(e => new ExternalId(e.System, e.Id)).ToList());
        errors.AddRange(AssessmentRules.Validate(definition, framework.Definition.Scale, id => id != Guid.Empty && framework.Definition.Find(id) is not null)
            .Where(e => !errors.Any(x => x.Field == e.Field)));
        return errors.Count > 0 ? (null, errors) : (definition, []);
    }
}
