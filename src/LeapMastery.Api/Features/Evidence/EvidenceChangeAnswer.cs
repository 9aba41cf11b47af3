using LeapMastery.Api.Infrastructure.Problems;
using LeapMastery.Api.Learners;
using FastEndpoints;

namespace LeapMastery.Api.Features.Evidence;

/// <summary>The shared answer of a correction, retraction or validation: the refusal (404 unknown, 409 refused), else the evidence as it now stands.</summary>
public static class EvidenceChangeAnswer
{
    public static Task SendAsync(HttpContext http, Guid evidenceId, LearnerDecided decided, CancellationToken ct) =>
        decided.Decision.Refusal is { } refusal
            ? RefusalAnswer.SendAsync(http, refusal, ct)
            : http.Response.SendOkAsync(EvidenceResponse.From(decided.State.Find(evidenceId)!), cancellation: ct);
}
