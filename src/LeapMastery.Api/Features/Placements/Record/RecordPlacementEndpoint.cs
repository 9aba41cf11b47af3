using FastEndpoints;
using FluentValidation;
using FluentValidation.Results;
using LeapMastery.Api.Features.Evidence;
using LeapMastery.Api.Features.Frameworks;
using LeapMastery.Api.Features.Placements.List;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Problems;
using LeapMastery.Api.Infrastructure.Tenancy;
using LeapMastery.Api.Learners;
using LeapMastery.Domain.Evidence;
using NodaTime;

namespace LeapMastery.Api.Features.Placements.Record;

public sealed class RecordPlacementRequest
{
    /// <summary>The learner's SIS sourcedId.</summary>
    public string LearnerId { get; set; } = "";
    [FromBody] public PlacementBody Body { get; set; } = new();
}

public sealed class RecordPlacementValidator : Validator<RecordPlacementRequest>
{
    public RecordPlacementValidator()
    {
        RuleFor(x => x.LearnerId).MustBeLearnerId();
        RuleFor(x => x.Body.FrameworkId).NotEmpty().OverridePropertyName("frameworkId");
        RuleFor(x => x.Body.ProgressionCode).NotEmpty().OverridePropertyName("progressionCode");
        RuleFor(x => x.Body.Basis).Must(b => PlacementResponse.Bases.Contains(b)).OverridePropertyName("basis")
            .WithMessage($"Use one of: {string.Join(", ", PlacementResponse.Bases)}.");
        RuleFor(x => x.Body).Must(b => (b.Step is null) != (b.CompetencyId is null)).OverridePropertyName("step")
            .WithMessage("Give exactly one of step or competencyId.");
        RuleFor(x => x.Body.Note).MaximumLength(2000).OverridePropertyName("note");
    }
}

public sealed class RecordPlacementEndpoint(TenantContext tenant, LearnerWriter writer, IClock clock) : Endpoint<RecordPlacementRequest, PlacementResponse>
{
    public override void Configure()
    {
        Post("/learners/{learnerId}/placements");
        Scopes(ApiScopes.EvidenceWrite);
        Description(d => d.WithTags("Placements").Produces<PlacementResponse>(201, "application/json"));
        Summary(s =>
        {
            s.Summary = "Place a learner on a progression (LD.1)";
            s.Description = "From a pre-assessment, prior records or an educator's judgement. The steps before the placement count as placed: done for position and next steps, never demonstrated mastery. Grade level and time play no part.";
        });
    }

    public override async Task HandleAsync(RecordPlacementRequest req, CancellationToken ct)
    {
        var body = req.Body;
        FrameworkDocument? framework;
        await using (var query = tenant.QuerySession()) framework = await query.LoadAsync<FrameworkDocument>(body.FrameworkId, ct);
        var progression = framework?.Definition.Progressions.FirstOrDefault(p => p.Code == body.ProgressionCode);
        if (framework is null) AddError(new ValidationFailure("frameworkId", $"No framework {body.FrameworkId} in this tenant."));
        else if (progression is null) AddError(new ValidationFailure("progressionCode", $"Framework {framework.Code} has no progression '{body.ProgressionCode}'."));
        ThrowIfAnyErrors();

        var step = body.Step;
        if (body.CompetencyId is { } competencyId)
        {
            var code = framework!.Definition.Find(competencyId)?.Code;
            var index = code is null ? -1 : progression!.Steps.ToList().IndexOf(code);
            if (index < 0)
            {
                AddError(new ValidationFailure("competencyId", $"Competency {competencyId} is not a step of progression '{progression!.Code}'."));
                ThrowIfAnyErrors();
            }
            step = index + 1;
        }

        var command = new PlaceLearner(Guid.NewGuid(), req.LearnerId, framework!.Id, progression!.Code,
            step!.Value, progression.Steps.Count, body.Basis, body.Note, clock.GetCurrentInstant(), tenant.ClientId);
        var (decision, _) = await writer.DecideAsync(req.LearnerId, null, _ => LearnerDecisions.Decide(command), ct);
        if (decision.Refusal is { } refusal)
        {
            await RefusalAnswer.SendAsync(HttpContext, refusal, ct);
            return;
        }
        await Send.CreatedAtAsync<ListPlacementsEndpoint>(new { learnerId = req.LearnerId }, PlacementResponse.From(decision.First<PlacementRecorded>()!), cancellation: ct);
    }
}
