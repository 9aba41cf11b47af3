using LeapMastery.Domain.Mastery;
using LeapMastery.Domain.Progress;

namespace LeapMastery.Domain.Recognitions;

/// <summary>Whether a learner's progress meets a recognition's criteria, and which competencies and evidence show it.</summary>
public static class CriteriaEvaluator
{
    public sealed record Outcome(bool Met, IReadOnlyList<Guid> Competencies, IReadOnlyList<Guid> EvidenceIds);

    public static Outcome Evaluate(RecognitionDefinition definition, IReadOnlyList<FrameworkProgress> frameworks)
    {
        var standings = frameworks.SelectMany(f => f.Competencies.Select(c => (f, c))).ToDictionary(x => x.c.Competency.Id, x => x);
        var used = new HashSet<Guid>();

        bool Done(Guid competencyId) =>
            standings.TryGetValue(competencyId, out var s) && (s.c.Result.Mastered || (definition.CountPlaced && s.c.Placed));

        bool Met(Criterion c)
        {
            switch (c)
            {
                case AllOfCriterion all:
                    return all.Children.Select(Met).ToList().All(x => x);
                case NOfCriterion some:
                    return some.Children.Select(Met).Count(x => x) >= some.N;
                case CompetencyMasteredCriterion mastered:
                    if (!Done(mastered.Competency)) return false;
                    used.Add(mastered.Competency);
                    return true;
                case MinLevelCriterion min:
                {
                    if (!standings.TryGetValue(min.Competency, out var s)) return false;
                    var reached = s.f.Framework.Scale.Reaches(s.c.Result.Level, min.LevelCode);
                    if (!reached && !(definition.CountPlaced && s.c.Placed)) return false;
                    used.Add(min.Competency);
                    return true;
                }
                case ProgressionStepCriterion step:
                {
                    var framework = frameworks.FirstOrDefault(f => f.FrameworkId == step.FrameworkId);
                    var progression = framework?.Framework.Progressions.FirstOrDefault(p => p.Code == step.ProgressionCode);
                    if (framework is null || progression is null) return false;
                    var before = progression.Steps.Take(Math.Max(0, step.Step - 1)).Select(code => framework.Framework.FindByCode(code)!.Id).ToList();
                    if (!before.All(Done)) return false;
                    used.UnionWith(before);
                    return true;
                }
                default:
                    return false;
            }
        }

        var met = Met(definition.Criteria);
        var evidence = met
            ? used.SelectMany(id => standings.TryGetValue(id, out var s) ? s.c.Result.Counted.Select(o => o.EvidenceId) : []).Distinct().ToList()
            : [];
        return new Outcome(met, met ? used.ToList() : [], evidence);
    }

    public static IReadOnlyList<Domain.DomainError> Validate(RecognitionDefinition d, Func<Guid, bool> competencyExists, Func<Guid, string, int?> progressionSteps, Func<Guid, string, bool> levelExists)
    {
        var errors = new List<Domain.DomainError>();
        void Children(IReadOnlyList<Criterion> children, string path)
        {
            if (children.Count == 0) errors.Add(new($"{path}.children", "allOf and nOf need at least one child."));
            for (var i = 0; i < children.Count; i++) Check(children[i], $"{path}.children[{i}]");
        }

        void Check(Criterion c, string path)
        {
            switch (c)
            {
                case AllOfCriterion all:
                    Children(all.Children, path);
                    break;
                case NOfCriterion some:
                    if (some.Children.Count == 0) errors.Add(new($"{path}.children", "allOf and nOf need at least one child."));
                    if (some.N < 1 || some.N > some.Children.Count) errors.Add(new($"{path}.n", "n must be between 1 and the number of children."));
                    for (var i = 0; i < some.Children.Count; i++) Check(some.Children[i], $"{path}.children[{i}]");
                    break;
                case CompetencyMasteredCriterion mastered:
                    if (!competencyExists(mastered.Competency)) errors.Add(new($"{path}.competencyId", "Not a competency of this tenant."));
                    break;
                case MinLevelCriterion min:
                    if (!competencyExists(min.Competency)) errors.Add(new($"{path}.competencyId", "Not a competency of this tenant."));
                    else if (!levelExists(min.Competency, min.LevelCode)) errors.Add(new($"{path}.levelCode", "Not a level of the competency's scale."));
                    break;
                case ProgressionStepCriterion step:
                    var steps = progressionSteps(step.FrameworkId, step.ProgressionCode);
                    if (steps is null) errors.Add(new($"{path}.progressionCode", "Not a progression of that framework."));
                    else if (step.Step < 1 || step.Step > steps + 1) errors.Add(new($"{path}.step", $"step must be between 1 and {steps + 1} (past the last step = the progression completed)."));
                    break;
            }
        }
        Check(d.Criteria, "criteria");
        if (d.CreditsAvailable is < 0) errors.Add(new("creditsAvailable", "Must not be negative."));
        return errors;
    }
}
