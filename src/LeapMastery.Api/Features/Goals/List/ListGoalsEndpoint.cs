using FastEndpoints;
using FluentValidation;
using LeapMastery.Api.Features.Evidence;
using LeapMastery.Api.Features.Progress;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Tenancy;

namespace LeapMastery.Api.Features.Goals.List;

public sealed class ListGoalsRequest
{
    /// <summary>The learner's SIS sourcedId.</summary>
    public string LearnerId { get; set; } = "";
    /// <summary>An instant or a local date (as for progress): the goals in force then, as they stood that day.</summary>
    [QueryParam] public string? AsOf { get; set; }
}

public sealed class ListGoalsValidator : Validator<ListGoalsRequest>
{
    public ListGoalsValidator()
    {
        RuleFor(x => x.LearnerId).MustBeLearnerId();
        RuleFor(x => x.AsOf).MustBeAsOf();
    }
}

public sealed class ListGoalsEndpoint(LearnerProgressReader reader) : Endpoint<ListGoalsRequest, List<GoalResponse>>
{
    public override void Configure()
    {
        Get("/learners/{learnerId}/goals");
        Scopes(ApiScopes.ProgressRead, ApiScopes.LearnerLedWrite);
        Description(d => d.WithTags("Goals"));
        Summary(s =>
        {
            s.Summary = "A learner's goals in force, oldest first, each with its status (LL.2)";
            s.Description = "The same goals, with the same status, as in the learner's progress: met, onTrack, behind, missed or targetGone.";
        });
    }

    public override async Task HandleAsync(ListGoalsRequest req, CancellationToken ct)
    {
        var progress = req.AsOf is null
            ? await reader.ReadStoredAsync(req.LearnerId, null, ct)
            : await reader.RespondAsync(await reader.ReadAsync(req.LearnerId, null, req.AsOf, ct), ct);
        await Send.OkAsync(progress.Frameworks.SelectMany(f => f.Goals).OrderBy(g => g.SetAt).ToList(), ct);
    }
}
