using FastEndpoints;
using FluentValidation;
using LeapMastery.Api.Features.Evidence;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Problems;
using LeapMastery.Api.Infrastructure.Tenancy;

namespace LeapMastery.Api.Features.Progress.Competency;

public sealed class CompetencyStateRequest
{
    /// <summary>The learner's SIS sourcedId.</summary>
    public string LearnerId { get; set; } = "";
    /// <summary>The competency's id.</summary>
    public Guid CompetencyId { get; set; }
    /// <summary>An instant or a local date (the end of that day in the tenant's time zone).</summary>
    [QueryParam] public string? AsOf { get; set; }
}

public sealed class CompetencyStateValidator : Validator<CompetencyStateRequest>
{
    public CompetencyStateValidator()
    {
        RuleFor(x => x.LearnerId).MustBeLearnerId();
        RuleFor(x => x.AsOf).MustBeAsOf();
    }
}

public sealed class GetCompetencyStateEndpoint(LearnerProgressReader reader) : Endpoint<CompetencyStateRequest, CompetencyStateResponse>
{
    public override void Configure()
    {
        Get("/learners/{learnerId}/competencies/{competencyId:guid}");
        Scopes(ApiScopes.ProgressRead);
        Description(d => d.WithTags("Progress").Produces(404));
        Summary(s => s.Summary = "A learner's state on one competency (now or as of a moment)");
    }

    public override async Task HandleAsync(CompetencyStateRequest req, CancellationToken ct)
    {
        var progress = await reader.ReadAsync(req.LearnerId, null, req.AsOf, ct);
        if (progress.Find(req.CompetencyId) is not { } found)
        {
            await Send.ResultAsync(Problems.NotFound($"No competency {req.CompetencyId} in this tenant's frameworks (as of {progress.AsOf})."));
            return;
        }
        await Send.OkAsync(LearnerProgressResponse.State(found.Framework, found.Competency, new Domain.Evidence.FeedbackTrail(progress.Record)), ct);
    }
}
