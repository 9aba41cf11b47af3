using LeapMastery.Domain.Evidence;
using LeapMastery.Domain.Frameworks;
using LeapMastery.Domain.Mastery;
using LeapMastery.Domain.Progressions;
using NodaTime;

namespace LeapMastery.Domain.Progress;

/// <summary>A learner's standing on one competency under one framework version.</summary>
public sealed record CompetencyProgress(
    CompetencyDefinition Competency, CalculationPolicy Policy, MasteryResult Result, bool Placed, Instant? LastEvidenceAt)
{
    /// <summary>How a report card states it: with a level, mastered or in progress; without one, placed or not yet assessed.</summary>
    public CompetencyStanding Standing =>
        Result.Level is not null
            ? (Result.Mastered ? CompetencyStanding.Mastered : Result.Status == MasteryStatus.Lapsed ? CompetencyStanding.Lapsed : CompetencyStanding.InProgress)
        : Placed ? CompetencyStanding.Placed : CompetencyStanding.NotYetAssessed;
}

/// <summary>
/// A competency's standing on a report card: the mastery status, where a competency that a placement covers but no
/// evidence has assessed yet is <see cref="Placed"/> (LD.1: placed, never demonstrated).
/// </summary>
public enum CompetencyStanding
{
    Mastered,
    InProgress,
    Placed,
    NotYetAssessed,
    /// <summary>Mastery was shown but not renewed within the policy's validity period (docs/mastery.md §10).</summary>
    Lapsed,
}

/// <summary>The step a learner is at on a progression: its number (from 1), its competency and that competency's code.</summary>
public sealed record ProgressionStep(int Number, Guid CompetencyId, string Code);

public sealed record ProgressionProgress(ProgressionDefinition Progression, ProgressionPosition Position, PlacementRecorded? Placement)
{
    /// <summary>The step the learner is at (the first not yet done), or null when every step is done.</summary>
    public ProgressionStep? CurrentStep =>
        Position.CurrentIndex is { } i ? new ProgressionStep(i + 1, Position.CurrentCompetency!.Value, Progression.Steps[i]) : null;
}

public sealed record FrameworkProgress(
    Guid FrameworkId, int FrameworkVersion, FrameworkDefinition Framework,
    IReadOnlyList<CompetencyProgress> Competencies, IReadOnlyList<ProgressionProgress> Progressions)
{
    public CompetencyProgress? Find(Guid competencyId) => Competencies.FirstOrDefault(c => c.Competency.Id == competencyId);

    /// <summary>What to do next (LD.3): advance to unlocked competencies (each progression's current step first), or go deeper.</summary>
    public LeapMastery.Domain.Progressions.NextSteps NextSteps()
    {
        var ids = Framework.Competencies.ToDictionary(c => c.Code, c => c.Id);
        var prerequisites = Framework.Prerequisites
            .GroupBy(p => ids[p.CompetencyCode])
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Guid>)g.Select(p => ids[p.RequiresCode]).ToList());
        var extensions = Framework.Extensions
            .GroupBy(e => ids[e.CompetencyCode])
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Guid>)g.Select(e => ids[e.DeeperCode]).ToList());
        return LeapMastery.Domain.Progressions.NextSteps.Compute(
            Framework.Competencies.Where(c => c.Kind is CompetencyKind.Competency or CompetencyKind.SubSkill).Select(c => c.Id).ToList(),
            Framework.Progressions.Select(p => (IReadOnlyList<Guid>)p.Steps.Select(s => ids[s]).ToList()).ToList(),
            Competencies.Where(c => c.Result.Mastered).Select(c => c.Competency.Id).ToHashSet(),
            Competencies.Where(c => c.Placed).Select(c => c.Competency.Id).ToHashSet(),
            prerequisites,
            extensions);
    }
}

/// <summary>
/// Progress is a pure function of what was recorded, the framework in force and the moment asked about: a correction, a
/// policy change or an as-of question gives a consistent answer because nothing derived is stored (MASTERY §7, docs/mastery.md §10).
/// </summary>
public static class ProgressCalculator
{
    /// <param name="at">
    /// The moment the answer is for: a policy's recency window and validity period are measured back from it (docs/mastery.md §10).
    /// As of a past moment, pass the record as of then too (<see cref="LearnerRecord.AsOf"/>).
    /// </param>
    public static FrameworkProgress ForFramework(LearnerRecord record, Guid frameworkId, int version, FrameworkDefinition framework, Instant at)
    {
        var byCompetency = new Dictionary<Guid, List<EvidenceObservation>>();
        var lastEvidence = new Dictionary<Guid, Instant>();
        foreach (var entry in record.Evidence)
        {
            foreach (var alignment in entry.CurrentAlignments)
            {
                if (alignment.FrameworkId != frameworkId) continue;
                // A score the framework's current scale no longer accepts (e.g. a level code since removed) cannot be counted.
                var converted = ScoreConversion.ToScale(alignment.Score, framework.Scale, alignment.CutScores, "score");
                if (converted.Score is not { } score) continue;
                if (!byCompetency.TryGetValue(alignment.CompetencyId, out var list)) byCompetency[alignment.CompetencyId] = list = [];
                list.Add(new EvidenceObservation(entry.Recorded.EvidenceId, entry.RecordedOrder, entry.Recorded.OccurredAt,
                    entry.Recorded.Modality, score, entry.ObservationStatus));
                if (!entry.IsRetracted && (!lastEvidence.TryGetValue(alignment.CompetencyId, out var last) || entry.Recorded.OccurredAt > last))
                    lastEvidence[alignment.CompetencyId] = entry.Recorded.OccurredAt;
            }
        }

        var ids = framework.Competencies.ToDictionary(c => c.Code, c => c.Id);
        var placements = record.PlacementsIn(frameworkId);
        var placed = new HashSet<Guid>();
        foreach (var progression in framework.Progressions)
        {
            if (!placements.TryGetValue(progression.Code, out var placement)) continue;
            var steps = progression.Steps.Select(s => ids[s]).ToList();
            // A placement recorded under an older version may point past the end of a shortened progression.
            placed.UnionWith(Placement.PlacedSteps(steps, Math.Min(placement.Step, steps.Count) - 1));
        }

        // A competency without evidence is not yet assessed: one result per policy serves them all (results are immutable, and
        // without evidence no time-dependent rule applies).
        var notAssessed = new Dictionary<CalculationPolicy, MasteryResult>(ReferenceEqualityComparer.Instance);
        var competencies = framework.Competencies.Select(c =>
        {
            var policy = framework.PolicyFor(c);
            var result = byCompetency.TryGetValue(c.Id, out var list)
                ? MasteryCalculator.Calculate(list, framework.Scale, policy, at)
                : notAssessed.TryGetValue(policy, out var empty) ? empty : notAssessed[policy] = MasteryCalculator.Calculate([], framework.Scale, policy, at);
            return new CompetencyProgress(c, policy, result, placed.Contains(c.Id), lastEvidence.TryGetValue(c.Id, out var last) ? last : null);
        }).ToList();

        var mastered = competencies.Where(c => c.Result.Mastered).Select(c => c.Competency.Id).ToHashSet();
        var progressions = framework.Progressions.Select(p =>
        {
            var steps = p.Steps.Select(code => ids[code]).ToList();
            var position = ProgressionPosition.Compute(steps, mastered.Contains, placed.Contains);
            return new ProgressionProgress(p, position, placements.GetValueOrDefault(p.Code));
        }).ToList();

        return new FrameworkProgress(frameworkId, version, framework, competencies, progressions);
    }
}
