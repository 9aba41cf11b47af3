using LeapMastery.Domain.Evidence;
using LeapMastery.Domain.Mastery;
using LeapMastery.Domain.Progress;
using LeapMastery.Domain.Recognitions;
using NodaTime;

namespace LeapMastery.Domain.Assessments;

public sealed record StartAttempt(Guid AttemptId, string LearnerId, Guid AssessmentId, string DeclaredBy, Instant Now, string By);

public sealed record ScoreAttempt(Guid AttemptId, IReadOnlyList<SectionScore> Sections, EvidenceFeedback? Feedback, Guid NewEvidenceId, Instant Now, string By);

/// <summary>
/// Attempts: declared when ready, retaken as the policy allows, scored into evidence, voided with a reason. Time never
/// gates an attempt (LD.3); only the assessment's attempt limit and, where it asks, the prerequisites do.
/// </summary>
public static class AttemptDecisions
{
    public const string AttemptSourceSystem = "leapmastery:attempts";

    public static readonly IReadOnlyList<string> Declarers = ["learner", "educator"];

    /// <summary>
    /// Starts an attempt on the learner's current record: refused when the attempt limit is used up or, where the assessment
    /// asks, when a prerequisite of what it assesses is neither mastered nor placed under <paramref name="framework"/> (the
    /// assessment's framework as now in force).
    /// </summary>
    public static Decision Start(StartAttempt c, AssessmentDefinition assessment, FrameworkInForce? framework, LearnerRecord state)
    {
        if (assessment.RequirePrerequisites && MissingPrerequisites(assessment, framework, state, c.Now) is { Count: > 0 } missing)
            return Decision.Conflict("assessmentId", $"Prerequisites not yet mastered or placed: {string.Join(", ", missing)}.");
        var previous = state.AllAttempts.Where(a => a.Started.AssessmentId == c.AssessmentId).ToList();
        var counting = previous.Count(a => a.Voided is null);
        if (assessment.MaxAttempts is { } max && counting >= max)
            return Decision.Conflict("assessmentId", $"The assessment allows {max} attempt{(max == 1 ? "" : "s")} and the learner has used {counting}; a voided attempt does not count.");
        return Decision.Append(new AttemptStarted(c.AttemptId, c.LearnerId, c.AssessmentId, previous.Count + 1, c.DeclaredBy, c.Now, c.By));
    }

    /// <summary>The codes of the prerequisites of the assessed competencies that the learner has neither mastered nor been placed past.</summary>
    public static IReadOnlyList<string> MissingPrerequisites(AssessmentDefinition assessment, FrameworkInForce? framework, LearnerRecord state, Instant now)
    {
        if (framework is null) return [];
        var progress = ProgressCalculator.ForFramework(state, framework.FrameworkId, framework.Version, framework.Definition, now);
        var done = progress.Competencies.Where(c => c.Result.Mastered || c.Placed).Select(c => c.Competency.Code).ToHashSet();
        var assessed = assessment.Sections.Select(s => framework.Definition.Find(s.CompetencyId)?.Code).OfType<string>().ToHashSet();
        return framework.Definition.Prerequisites
            .Where(p => assessed.Contains(p.CompetencyCode) && !done.Contains(p.RequiresCode))
            .Select(p => p.RequiresCode).Distinct().Order(StringComparer.Ordinal).ToList();
    }

    public static Decision Submit(Guid attemptId, string? artifactUrl, Instant now, LearnerRecord state)
    {
        if (state.FindAttempt(attemptId) is not { } attempt) return UnknownAttempt(attemptId, state);
        return attempt.Status switch
        {
            AttemptStatus.Started => Decision.Append(new AttemptSubmitted(attemptId, now, artifactUrl)),
            AttemptStatus.Submitted => Decision.Unchanged, // a repeated submission changes nothing
            _ => Decision.Conflict("attemptId", $"The attempt is {attempt.Status.ToString().ToLowerInvariant()}."),
        };
    }

    /// <summary>Scoring yields evidence linked to the attempt; scoring again corrects that evidence.</summary>
    public static Decision Score(ScoreAttempt c, AssessmentDefinition assessment, LearnerRecord state)
    {
        if (state.FindAttempt(c.AttemptId) is not { } attempt) return UnknownAttempt(c.AttemptId, state);
        if (attempt.Voided is not null) return Decision.Conflict("attemptId", "A voided attempt cannot be scored.");

        var errors = new List<DomainError>();
        if (c.Sections.Count == 0) errors.Add(new("sections", "Score at least one section."));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var alignments = new List<EvidenceAlignment>();
        for (var i = 0; i < c.Sections.Count; i++)
        {
            var s = c.Sections[i];
            var section = assessment.Section(s.SectionCode);
            if (section is null) errors.Add(new($"sections[{i}].sectionCode", $"The assessment has no section '{s.SectionCode}'."));
            else if (!seen.Add(s.SectionCode)) errors.Add(new($"sections[{i}].sectionCode", $"Section '{s.SectionCode}' is scored twice."));
            else if (s.Points < 0 || s.Points > section.MaxPoints) errors.Add(new($"sections[{i}].points", $"Points must lie within 0..{section.MaxPoints}."));
            else alignments.Add(new EvidenceAlignment(assessment.FrameworkId, section.CompetencyId, AlignmentScore.OfRaw(s.Points, section.MaxPoints), assessment.CutScores));
        }
        if (errors.Count > 0) return Decision.Invalid(errors);

        if (attempt.Scored is { } earlier)
        {
            return Decision.Append(
                new AttemptScored(c.AttemptId, c.Sections, earlier.EvidenceId, c.Now, c.By),
                new EvidenceCorrected(earlier.EvidenceId, alignments, "The attempt was rescored.", c.Now, c.By));
        }
        var occurredAt = attempt.Submitted?.SubmittedAt ?? c.Now;
        return Decision.Append(
            new AttemptScored(c.AttemptId, c.Sections, c.NewEvidenceId, c.Now, c.By),
            new EvidenceRecorded(c.NewEvidenceId, state.LearnerId, AttemptSourceSystem, c.AttemptId.ToString(), assessment.Modality, occurredAt, c.Now, c.By,
                alignments, c.Feedback, attempt.Submitted?.ArtifactUrl, null, c.AttemptId));
    }

    /// <summary>Voiding withdraws the attempt's evidence; the attempt stays in the history.</summary>
    public static Decision Void(Guid attemptId, string reason, Instant now, string by, LearnerRecord state)
    {
        if (state.FindAttempt(attemptId) is not { } attempt) return UnknownAttempt(attemptId, state);
        if (attempt.Voided is not null) return Decision.Conflict("attemptId", "The attempt is already voided.");
        var events = new List<object> { new AttemptVoided(attemptId, reason, now, by) };
        if (attempt.Scored is { } scored && state.Find(scored.EvidenceId) is { IsRetracted: false })
            events.Add(new EvidenceRetracted(scored.EvidenceId, $"The attempt was voided: {reason}", now, by));
        return new Decision(events);
    }

    private static Decision UnknownAttempt(Guid attemptId, LearnerRecord state) =>
        Decision.NotFound("attemptId", $"No attempt {attemptId} for learner {state.LearnerId}.");
}
