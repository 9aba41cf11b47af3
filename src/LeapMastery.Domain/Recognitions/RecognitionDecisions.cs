using LeapMastery.Domain.Evidence;
using NodaTime;

namespace LeapMastery.Domain.Recognitions;

/// <summary>An educator awards a recognition by hand, citing the learner's evidence that justifies it (LD.5).</summary>
public sealed record AwardRecognition(
    Guid AwardId, string LearnerId, Guid RecognitionId, string? Justification, IReadOnlyList<Guid> EvidenceIds, Instant Now, string By);

public sealed record RevokeRecognition(Guid AwardId, string Reason, Instant Now, string By);

/// <summary>
/// A new recognition. The tenant's frameworks are looked up through the functions (does a competency exist, how many steps
/// has a progression, is a level on a competency's scale); <paramref name="CodeTaken"/>: another recognition has the code.
/// </summary>
public sealed record DefineRecognition(
    Guid RecognitionId, RecognitionDefinition Definition, bool CodeTaken, Func<Guid, bool> CompetencyExists,
    Func<Guid, string, int?> ProgressionSteps, Func<Guid, string, bool> LevelExists, Instant Now, string By);

/// <summary>Manual awards and revocations, decided on the learner's locked record.</summary>
public static class RecognitionDecisions
{
    /// <summary>A recognition's criteria name what the tenant's frameworks hold, and its code is unique in the tenant.</summary>
    public static Decision Define(DefineRecognition c)
    {
        var errors = CriteriaEvaluator.Validate(c.Definition, c.CompetencyExists, c.ProgressionSteps, c.LevelExists);
        if (errors.Count > 0) return Decision.Invalid(errors);
        if (c.CodeTaken) return CodeTaken(c.Definition.Code);
        return Decision.Append(new RecognitionDefined(c.RecognitionId, c.Definition, c.Now, c.By));
    }

    /// <summary>Another recognition of the tenant has this code.</summary>
    public static Decision CodeTaken(string code) => Decision.Conflict("code", $"A recognition with code '{code}' already exists.");

    /// <summary>
    /// A manual award cites only the learner's own evidence, and a learner holds a recognition at most once at a time
    /// (a revoked one may be awarded again).
    /// </summary>
    public static Decision Award(AwardRecognition c, LearnerRecord state)
    {
        var missing = c.EvidenceIds.Where(id => state.Find(id) is null).Distinct().ToList();
        if (missing.Count > 0)
            return Decision.Invalid("evidenceIds", $"Not evidence of this learner: {string.Join(", ", missing)}.");
        if (state.AllAwards.Any(a => a.Awarded.RecognitionId == c.RecognitionId && a.IsActive))
            return Decision.Conflict("recognitionId", "The learner already holds this recognition.");
        return Decision.Append(new RecognitionAwarded(c.AwardId, c.LearnerId, c.RecognitionId, true, c.Justification,
            c.EvidenceIds.Distinct().ToList(), [], c.Now, c.By));
    }

    /// <summary>Revocation keeps the award in the history; revoking twice is refused rather than repeated.</summary>
    public static Decision Revoke(RevokeRecognition c, LearnerRecord state)
    {
        var award = state.FindAward(c.AwardId);
        if (award is null) return Decision.NotFound("awardId", $"No award {c.AwardId} for learner {state.LearnerId}.");
        if (!award.IsActive) return Decision.Conflict("awardId", "The recognition is already revoked.");
        return Decision.Append(new RecognitionRevoked(c.AwardId, c.Reason, c.Now, c.By));
    }
}
