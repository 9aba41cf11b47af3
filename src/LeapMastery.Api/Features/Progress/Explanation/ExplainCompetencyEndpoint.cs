using FastEndpoints;
using LeapMastery.Api.Features.Progress.Competency;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Problems;

namespace LeapMastery.Api.Features.Progress.Explanation;

public sealed class ExplainCompetencyEndpoint(LearnerProgressReader reader) : Endpoint<CompetencyStateRequest, ExplanationResponse>
{
    public override void Configure()
    {
        Get("/learners/{learnerId}/competencies/{competencyId:guid}/explanation");
        Scopes(ApiScopes.ProgressRead);
        Description(d => d.WithTags("Progress").Produces(404));
        Summary(s =>
        {
            s.Summary = "Why a learner stands where they do on a competency";
            s.Description = "The counted and the excluded evidence (with why), the method and its parameters, its intermediate values, the threshold and the rules that decided mastery, with a summary a learner can read and the feedback given (LD.2).";
        });
    }

    public override async Task HandleAsync(CompetencyStateRequest req, CancellationToken ct)
    {
        var progress = await reader.ReadAsync(req.LearnerId, null, req.AsOf, ct);
        if (progress.Find(req.CompetencyId) is not { } found)
        {
            await Send.ResultAsync(Problems.NotFound($"No competency {req.CompetencyId} in this tenant's frameworks (as of {progress.AsOf})."));
            return;
        }
        await Send.OkAsync(ExplanationResponse.From(progress, found.Framework, found.Competency), ct);
    }
}
