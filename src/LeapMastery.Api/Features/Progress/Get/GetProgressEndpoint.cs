using FastEndpoints;
using FluentValidation;
using LeapMastery.Api.Features.Evidence;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Tenancy;

namespace LeapMastery.Api.Features.Progress.Get;

public sealed class GetProgressRequest
{
    /// <summary>The learner's SIS sourcedId.</summary>
    public string LearnerId { get; set; } = "";
    /// <summary>Only this framework; omit for all of the tenant's frameworks.</summary>
    [QueryParam] public Guid? FrameworkId { get; set; }
    /// <summary>An instant (2026-03-01T14:30:00Z) or a local date (2026-03-01: the end of that day in the tenant's time zone). Only what was recorded by then counts, under the framework version in force then.</summary>
    [QueryParam] public string? AsOf { get; set; }
}

public sealed class GetProgressValidator : Validator<GetProgressRequest>
{
    public GetProgressValidator()
    {
        RuleFor(x => x.LearnerId).MustBeLearnerId();
        RuleFor(x => x.AsOf).MustBeAsOf();
    }
}

public sealed class GetProgressEndpoint(LearnerProgressReader reader) : Endpoint<GetProgressRequest, LearnerProgressResponse>
{
    public override void Configure()
    {
        Get("/learners/{learnerId}/progress");
        Scopes(ApiScopes.ProgressRead);
        Description(d => d.WithTags("Progress"));
        Summary(s =>
        {
            s.Summary = "A learner's progress: each competency's level and mastery, each progression's position, each goal's status";
            s.Description = "Each competency's state is kept current by every write (read your writes) under each framework's policy (docs/mastery.md); with asOf it is computed from what was recorded by then. A learner with no evidence has every competency notYetAssessed. Each framework lists the learner's goals in force (LL.2) with their status as of the answer: met, onTrack, behind, missed or targetGone.";
        });
    }

    public override async Task HandleAsync(GetProgressRequest req, CancellationToken ct)
    {
        if (req.AsOf is null)
        {
            await Send.OkAsync(await reader.ReadStoredAsync(req.LearnerId, req.FrameworkId, ct), ct);
            return;
        }
        var progress = await reader.ReadAsync(req.LearnerId, req.FrameworkId, req.AsOf, ct);
        await Send.OkAsync(await reader.RespondAsync(progress, ct), ct);
    }
}
