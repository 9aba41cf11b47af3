using FastEndpoints;
using FluentValidation;
using LeapMastery.Api.Features.Evidence;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Tenancy;
using LeapMastery.Api.Learners;
using LeapMastery.Domain.Assessments;
using LeapMastery.Domain.Evidence;
using NodaTime;

namespace LeapMastery.Api.Features.Attempts.Submit;

public sealed class SubmissionBody
{
    /// <summary>A link to the learner's work, if any.</summary>
    public string? ArtifactUrl { get; set; }
}

public sealed class SubmitAttemptRequest
{
    /// <summary>The learner's SIS sourcedId.</summary>
    public string LearnerId { get; set; } = "";
    /// <summary>The attempt's id.</summary>
    public Guid AttemptId { get; set; }
    [FromBody] public SubmissionBody Body { get; set; } = new();
}

public sealed class SubmitAttemptValidator : Validator<SubmitAttemptRequest>
{
    public SubmitAttemptValidator() =>
        RuleFor(x => x.Body.ArtifactUrl)
            .Must(u => u is null || Uri.TryCreate(u, UriKind.Absolute, out var uri) && (uri.Scheme == "https" || uri.Scheme == "http"))
            .OverridePropertyName("artifactUrl").WithMessage("An absolute http(s) URL.");
}

public sealed class SubmitAttemptEndpoint(LearnerWriter writer, IClock clock) : Endpoint<SubmitAttemptRequest, AttemptResponse>
{
    public override void Configure()
    {
        Post("/learners/{learnerId}/attempts/{attemptId:guid}/submission");
        Scopes(ApiScopes.EvidenceWrite);
        Description(d => d.WithTags("Attempts").Produces(404).Produces(409));
        Summary(s => s.Summary = "Submit an attempt (a repeat changes nothing)");
    }

    public override async Task HandleAsync(SubmitAttemptRequest req, CancellationToken ct)
    {
        var decided = await writer.DecideAsync(req.LearnerId, null,
            record => AttemptDecisions.Submit(req.AttemptId, req.Body.ArtifactUrl, clock.GetCurrentInstant(), record), ct);
        await AttemptAnswer.SendAsync(HttpContext, req.AttemptId, decided, ct);
    }
}
