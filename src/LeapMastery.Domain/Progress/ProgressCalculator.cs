using LeapMastery.Domain.Evidence;
using LeapMastery.Domain.Frameworks;
using LeapMastery.Domain.Mastery;
using LeapMastery.Domain.Progressions;
using NodaTime;

namespace LeapMastery.Domain.Progress;

/// <summary>A learner's standing on one competency under one framework version.</summary>
public sealed record CompetencyProgress(
    CompetencyDefinition Competency, CalculationPolicy Policy, MasteryResult Result, bool Placed, Instant? LastEvidenceAt);

public sealed record ProgressionProgress(ProgressionDefinition Progression, ProgressionPosition Position, Guid? CurrentCompetencyId);

public sealed record FrameworkProgress(
    Guid FrameworkId, int FrameworkVersion, FrameworkDefinition Framework,
    IReadOnlyList<CompetencyProgress> Competencies, IReadOnlyList<ProgressionProgress> Progressions);

/// <summary>
/// Progress is a pure function of what was recorded and the framework in force: a correction, a policy change or an
/// as-of question gives a consistent answer because nothing derived is stored (MASTERY §7).
/// </summary>
public static class ProgressCalculator
{
    public static FrameworkProgress ForFramework(LearnerRecord record, Guid frameworkId, int version, FrameworkDefinition framework)
    {
        var byCompetency = new Dictionary<Guid, List<EvidenceObservation>>();
        var lastEvidence = new Dictionary<Guid, Instant>();
        foreach (var entry in record.Evidence)
        {
            foreach (var alignment in entry.CurrentAlignments)
            {
                if (alignment.FrameworkId != frameworkId) continue;
                // A score the framework's current scale no longer accepts (e.g. a level code since removed) cannot be counted.
                var converted = ScoreConversion.ToScale(alignment.Score, framework.Scale, null, "score");
                if (converted.Score is not { } score) continue;
                if (!byCompetency.TryGetValue(alignment.CompetencyId, out var list)) byCompetency[alignment.CompetencyId] = list = [];
                list.Add(new EvidenceObservation(entry.Recorded.EvidenceId, entry.RecordedOrder, entry.Recorded.OccurredAt,
                    entry.Recorded.Modality, score, entry.IsRetracted ? ObservationStatus.Retracted : ObservationStatus.Active));
                if (!entry.IsRetracted && (!lastEvidence.TryGetValue(alignment.CompetencyId, out var last) || entry.Recorded.OccurredAt > last))
                    lastEvidence[alignment.CompetencyId] = entry.Recorded.OccurredAt;
            }
        }

        var competencies = framework.Competencies.Select(c =>
        {
            var policy = framework.PolicyFor(c);
            var observations = byCompetency.TryGetValue(c.Id, out var list) ? list : [];
            var result = MasteryCalculator.Calculate(observations, framework.Scale, policy);
            return new CompetencyProgress(c, policy, result, Placed: false, lastEvidence.TryGetValue(c.Id, out var at) ? at : null);
        }).ToList();

        var mastered = competencies.Where(c => c.Result.Mastered).Select(c => c.Competency.Id).ToHashSet();
        var progressions = framework.Progressions.Select(p =>
        {
            var steps = p.Steps.Select(code => framework.FindByCode(code)!.Id).ToList();
            var position = ProgressionPosition.Compute(steps, mastered.Contains, _ => false);
            return new ProgressionProgress(p, position, position.CurrentCompetency);
        }).ToList();

        return new FrameworkProgress(frameworkId, version, framework, competencies, progressions);
    }
}
