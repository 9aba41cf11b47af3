using FluentValidation;
using LeapMastery.Api.Features.Assessments;
using LeapMastery.Api.Features.Evidence;
using LeapMastery.Api.Features.Frameworks;
using LeapMastery.Api.Infrastructure.Tenancy;
using LeapMastery.Domain;
using LeapMastery.Domain.Evidence;
using LeapMastery.Domain.Mastery;
using LeapMastery.Domain.Assessments;
using LeapMastery.Interop.Results;
using Marten;
using NodaTime;

namespace LeapMastery.Api.Features.Ingestion;

/// <summary>A native result: evidence plus the learner it is about.</summary>
public sealed class ResultBody : RecordEvidenceBody
{
    /// <summary>The learner's SIS sourcedId.</summary>
    public string LearnerId { get; set; } = "";
}

public sealed class ResultBodyRules : AbstractValidator<ResultBody>
{
    public ResultBodyRules()
    {
        RuleFor(x => x.LearnerId).MustBeLearnerId();
        Include(new EvidenceBodyRules());
    }
}

/// <summary>What mapping incoming results needs: the tenant's competencies and assessments, the clock and the caller.</summary>
public sealed class IngestContext : IResultTargets
{
    private static readonly ResultBodyRules NativeRules = new();
    private readonly AlignmentResolver _alignments;
    private readonly IReadOnlyList<AssessmentDocument> _assessments;
    private readonly Dictionary<string, (Guid FrameworkId, Guid CompetencyId)> _byCaseUri;

    private IngestContext(AlignmentResolver alignments, IReadOnlyList<AssessmentDocument> assessments, IReadOnlyList<FrameworkDocument> frameworks, Instant now, string by)
    {
        _alignments = alignments;
        _assessments = assessments;
        Now = now;
        By = by;
        _byCaseUri = frameworks.SelectMany(f => f.Definition.Competencies.Where(c => c.CaseUri is not null).Select(c => (c.CaseUri!, f.Id, c.Id)))
            .GroupBy(x => x.Item1, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => (g.First().Item2, g.First().Item3), StringComparer.OrdinalIgnoreCase);
    }

    public Instant Now { get; }
    public string By { get; }

    public static async Task<IngestContext> LoadAsync(TenantContext tenant, FrameworkCatalog catalog, IClock clock, CancellationToken ct)
    {
        await using var session = tenant.QuerySession();
        var frameworks = await catalog.CurrentAsync(session, ct);
        var assessments = await session.Query<AssessmentDocument>().ToListAsync(ct);
        return new IngestContext(await AlignmentResolver.LoadAsync(session, catalog, ct), assessments, frameworks, clock.GetCurrentInstant(), tenant.ClientId);
    }

    public AssessmentDefinition? AssessmentByExternalId(string system, string id) =>
        _assessments.FirstOrDefault(a => a.Definition.ExternalIds.Any(e => e.System == system && e.Id == id))?.Definition;

    public (Guid FrameworkId, Guid CompetencyId)? CompetencyByCaseUri(string uri) => _byCaseUri.TryGetValue(uri, out var c) ? c : null;

    public (EvidenceAlignment? Alignment, IReadOnlyList<DomainError> Errors) CompetencyByCaseIdentifier(string identifier)
    {
        var contract = CompetencyByCaseUri(identifier) is { } byUri ? new AlignmentContract { CompetencyId = byUri.CompetencyId } : new AlignmentContract { CaseIdentifier = identifier };
        var (resolved, errors) = _alignments.Resolve([contract]);
        return errors.Count > 0 ? (null, errors) : (resolved[0], []);
    }

    public IngestItem Native(int index, ResultBody? body)
    {
        if (body is null) return IngestItem.Rejected(index, null, "", "An item must be a result object.");
        var shape = NativeRules.Validate(body);
        if (!shape.IsValid)
            return IngestItem.Rejected(index, body.LearnerId, shape.Errors.Select(e => new DomainError(Infrastructure.Problems.ApiProblem.CamelPath(e.PropertyName), e.ErrorMessage)).ToList());
        var (alignments, errors) = _alignments.Resolve(body.Alignments);
        if (errors.Count > 0) return IngestItem.Rejected(index, body.LearnerId, errors);
        var f = body.Feedback;
        return Evidence(index, body.LearnerId, new RecordEvidence(Guid.NewGuid(), body.LearnerId, body.SourceSystem, body.SourceId, body.Modality,
            body.OccurredAt!.Value, alignments, f is null ? null : new EvidenceFeedback(f.Effort, f.Process, f.Mastery), body.ArtifactUrl, Now, By,
            body.Actor is { } a ? new EvidenceActor(a.Kind, a.Id) : null), RepeatMeaning.Retry);
    }

    public IngestItem Evidence(int index, string learnerId, RecordEvidence command, RepeatMeaning repeat) =>
        ResultItems.Evidence(this, index, learnerId, command, repeat);
}
