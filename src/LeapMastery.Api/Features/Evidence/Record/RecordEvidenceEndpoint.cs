using FastEndpoints;
using FluentValidation;
using FluentValidation.Results;
using LeapMastery.Api.Features.Evidence.Get;
using LeapMastery.Api.Features.Frameworks;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Problems;
using LeapMastery.Api.Infrastructure.Tenancy;
using LeapMastery.Api.Learners;
using LeapMastery.Domain.Evidence;
using LeapMastery.Domain.Mastery;
using NodaTime;

namespace LeapMastery.Api.Features.Evidence.Record;

public sealed class RecordEvidenceRequest
{
    /// <summary>The learner's SIS sourcedId.</summary>
    public string LearnerId { get; set; } = "";
    [FromBody] public RecordEvidenceBody Body { get; set; } = new();
}

public sealed class RecordEvidenceValidator : Validator<RecordEvidenceRequest>
{
    public RecordEvidenceValidator()
    {
        RuleFor(x => x.LearnerId).MustBeLearnerId();
        RuleFor(x => x.Body).SetValidator(new EvidenceBodyRules());
    }
}

public sealed class RecordEvidenceEndpoint(TenantContext tenant, LearnerWriter writer, IClock clock, FrameworkCatalog catalog) : Endpoint<RecordEvidenceRequest, EvidenceResponse>
{
    public override void Configure()
    {
        Post("/learners/{learnerId}/evidence");
        Scopes(ApiScopes.EvidenceWrite);
        Description(d => d.WithTags("Evidence").Produces<EvidenceResponse>(201, "application/json").Produces<EvidenceResponse>(200, "application/json"));
        Summary(s =>
        {
            s.Summary = "Record evidence of learning (LD.4)";
            s.Description = "Evidence aligns to one or more competencies, each with a score as a level, points or raw/max. 201 when recorded; a repeat with the same sourceSystem and sourceId answers 200 with the first result and records nothing. Progress reflects it in the next request.";
        });
    }

    public override async Task HandleAsync(RecordEvidenceRequest req, CancellationToken ct)
    {
        var body = req.Body;
        AlignmentResolver resolver;
        await using (var query = tenant.QuerySession()) resolver = await AlignmentResolver.LoadAsync(query, catalog, ct);
        var (alignments, errors) = resolver.Resolve(body.Alignments);
        foreach (var e in errors) ValidationFailures.Add(new ValidationFailure(e.Field, e.Message));
        ThrowIfAnyErrors();

        var command = new RecordEvidence(Guid.NewGuid(), req.LearnerId, body.SourceSystem, body.SourceId, body.Modality, body.OccurredAt!.Value,
            alignments, body.Feedback is { } f ? new EvidenceFeedback(f.Effort, f.Process, f.Mastery) : null, body.ArtifactUrl,
            clock.GetCurrentInstant(), tenant.ClientId, body.Actor is { } a ? new EvidenceActor(a.Kind, a.Id) : null);
        var (decision, state) = await writer.DecideAsync(req.LearnerId, LearnerReads.Of(new LearnerReads
        {
            SourceKeys = LearnerEvidence.SourceKeyOf(command.SourceSystem, command.SourceId) is { } key ? [key] : [],
            Competencies = alignments.Select(a => a.CompetencyId).ToList(),
        }), record => LearnerDecisions.Decide(command, record), ct);

        if (decision.Refusal is { } refusal)
        {
            await RefusalAnswer.SendAsync(HttpContext, refusal, ct);
            return;
        }
        if (decision.First<EvidenceRecorded>() is not { } recorded)
        {
            HttpContext.Response.Headers["Idempotent-Replay"] = "true";
            await Send.OkAsync(EvidenceResponse.From(state.FindBySource(command.SourceSystem, command.SourceId!)!), ct);
            return;
        }
        await Send.CreatedAtAsync<GetEvidenceEndpoint>(new { learnerId = req.LearnerId, evidenceId = recorded.EvidenceId },
            EvidenceResponse.From(state.Find(recorded.EvidenceId)!), cancellation: ct);
    }
}
