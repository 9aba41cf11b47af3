using FastEndpoints;
using LeapMastery.Api.Infrastructure.Problems;
using LeapMastery.Api.Learners;

namespace LeapMastery.Api.Features.Attempts;

/// <summary>Turns an attempt decision into its answer: the refusal (400 invalid scores, 404 unknown, 409 refused), else the attempt as it now stands.</summary>
public static class AttemptAnswer
{
    public static Task SendAsync(HttpContext http, Guid attemptId, LearnerDecided decided, CancellationToken ct) =>
        decided.Decision.Refusal is { } refusal
            ? RefusalAnswer.SendAsync(http, refusal, ct)
            : http.Response.SendOkAsync(AttemptResponse.From(decided.State.FindAttempt(attemptId)!), cancellation: ct);
}
