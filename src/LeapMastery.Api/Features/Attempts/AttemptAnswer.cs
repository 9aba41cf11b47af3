using LeapMastery.Api.Infrastructure.Problems;
using LeapMastery.Domain.Assessments;
using LeapMastery.Domain.Evidence;

namespace LeapMastery.Api.Features.Attempts;

/// <summary>Turns an attempt decision into its answer: 404 unknown, 409 refused, else the attempt as it now stands (invalid scores are reported by the endpoint).</summary>
public static class AttemptAnswer
{
    public static IResult For(Guid attemptId, AttemptDecision decision, LearnerRecord state)
    {
        if (decision.NotFound) return Problems.NotFound($"No attempt {attemptId} for this learner.");
        if (decision.Refusal is not null) return Problems.Conflict(decision.Refusal);
        return TypedResults.Ok(AttemptResponse.From(state.FindAttempt(attemptId)!));
    }
}
