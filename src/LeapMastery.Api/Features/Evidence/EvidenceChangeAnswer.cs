using LeapMastery.Api.Infrastructure.Problems;
using LeapMastery.Domain.Evidence;

namespace LeapMastery.Api.Features.Evidence;

/// <summary>The shared answer of a correction or a retraction: 404 for unknown evidence, 409 for a refused change, else the evidence as it now stands.</summary>
public static class EvidenceChangeAnswer
{
    public static IResult For(string learnerId, Guid evidenceId, EvidenceEntry? existing, string? refusal, LearnerRecord state) =>
        existing is null ? Problems.NotFound($"No evidence {evidenceId} for learner {learnerId}.")
        : refusal is not null ? Problems.Conflict(refusal)
        : TypedResults.Ok(EvidenceResponse.From(state.Find(evidenceId)!));
}
