using LeapMastery.Domain;
using LeapMastery.Domain.Assessments;
using LeapMastery.Domain.Evidence;
using LeapMastery.Domain.Mastery;
using NodaTime;

namespace LeapMastery.Interop.Results;

/// <summary>
/// What a standard's results (LTI AGS, OneRoster, xAPI) are mapped onto, as the tenant knows it: its assessments by
/// external id, its competencies by CASE identifier or URI, the clock and the caller. The API loads it once per request.
/// </summary>
public interface IResultTargets
{
    Instant Now { get; }

    /// <summary>The API client that sends the results.</summary>
    string By { get; }

    /// <summary>The assessment that lists this external id (e.g. system <c>lti</c> and a line item's id).</summary>
    AssessmentDefinition? AssessmentByExternalId(string system, string id);

    /// <summary>The competency whose CASE URI this is.</summary>
    (Guid FrameworkId, Guid CompetencyId)? CompetencyByCaseUri(string uri);

    /// <summary>The competency a CASE identifier or URI names (its alignment's score to be set), or why none.</summary>
    (EvidenceAlignment? Alignment, IReadOnlyList<DomainError> Errors) CompetencyByCaseIdentifier(string identifier);
}

/// <summary>The items the mappers answer, with the checks every mapped result passes.</summary>
public static class ResultItems
{
    /// <summary>Evidence for a learner, if the learner id is one and the result did not happen in the future.</summary>
    public static IngestItem Evidence(IResultTargets targets, int index, string learnerId, RecordEvidence command, RepeatMeaning repeat)
    {
        if (!LearnerIds.IsValid(learnerId))
            return IngestItem.Rejected(index, learnerId, "learnerId", "A learner id is 1–128 URL-safe characters.");
        if (command.OccurredAt > targets.Now + LearnerDecisions.AllowedClockSkew)
            return IngestItem.Rejected(index, learnerId, "occurredAt", "occurredAt is in the future.");
        return new IngestItem(index, learnerId, command, repeat, null, []);
    }

    /// <summary>A result that is not final at its source: kept for the record, never counted.</summary>
    public static IngestItem Held(IResultTargets targets, int index, string learnerId, string sourceSystem, string sourceId, string reason) =>
        new(index, learnerId, null, RepeatMeaning.Retry, new ResultHeld(learnerId, sourceSystem, sourceId, reason, targets.Now, targets.By), []);

    /// <summary>
    /// A total score on an assessment (fraction of its points): every section gets the same fraction of its own points,
    /// read through the assessment's cut scores.
    /// </summary>
    public static IReadOnlyList<EvidenceAlignment> FromAssessment(AssessmentDefinition assessment, decimal fraction) =>
        assessment.Sections.Select(s => new EvidenceAlignment(assessment.FrameworkId, s.CompetencyId,
            AlignmentScore.OfRaw(decimal.Round(fraction * s.MaxPoints, 6), s.MaxPoints), assessment.CutScores)).ToList();
}
