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
            switch (c.Kind)
            {
                case CriterionKind.AllOf:
                    return (c.Children ?? []).Select(Met).ToList().All(x => x);
                case CriterionKind.NOf:
                    return (c.Children ?? []).Select(Met).Count(x => x) >= (c.N ?? 1);
                case CriterionKind.CompetencyMastered:
                    if (!Done(c.CompetencyId!.Value)) return false;
                    used.Add(c.CompetencyId.Value);
                    return true;
                case CriterionKind.MinLevel:
                {
                    if (!standings.TryGetValue(c.CompetencyId!.Value, out var s)) return false;
                    var reached = s.f.Framework.Scale.Reaches(s.c.Result.Level, c.LevelCode);
                    if (!reached && !(definition.CountPlaced && s.c.Placed)) return false;
                    used.Add(c.CompetencyId.Value);
                    return true;
                }
                case CriterionKind.ProgressionStep:
                {
                    var framework = frameworks.FirstOrDefault(f => f.FrameworkId == c.FrameworkId);
                    var progression = framework?.Framework.Progressions.FirstOrDefault(p => p.Code == c.ProgressionCode);
                    if (framework is null || progression is null) return false;
                    var before = progression.Steps.Take(Math.Max(0, (c.Step ?? 1) - 1)).Select(code => framework.Framework.FindByCode(code)!.Id).ToList();
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
        void Check(Criterion c, string path)
        {
            switch (c.Kind)
            {
                case CriterionKind.AllOf or CriterionKind.NOf:
                    if (c.Children is not { Count: > 0 }) errors.Add(new($"{path}.children", "allOf and nOf need at least one child."));
                    if (c.Kind == CriterionKind.NOf && (c.N is null || c.N < 1 || c.N > (c.Children?.Count ?? 0)))
                        errors.Add(new($"{path}.n", "n must be between 1 and the number of children."));
                    for (var i = 0; i < (c.Children?.Count ?? 0); i++) Check(c.Children![i], $"{path}.children[{i}]");
                    break;
                case CriterionKind.CompetencyMastered or CriterionKind.MinLevel:
                    if (c.CompetencyId is not { } id || !competencyExists(id)) errors.Add(new($"{path}.competencyId", "Not a competency of this tenant."));
                    else if (c.Kind == CriterionKind.MinLevel && (c.LevelCode is null || !levelExists(id, c.LevelCode)))
                        errors.Add(new($"{path}.levelCode", "Not a level of the competency's scale."));
                    break;
                case CriterionKind.ProgressionStep:
                    var steps = c.FrameworkId is { } f && c.ProgressionCode is { } p ? progressionSteps(f, p) : null;
                    if (steps is null) errors.Add(new($"{path}.progressionCode", "Not a progression of that framework."));
                    else if (c.Step is null || c.Step < 1 || c.Step > steps + 1) errors.Add(new($"{path}.step", $"step must be between 1 and {steps + 1} (past the last step = the progression completed)."));
                    break;
            }
        }
        Check(d.Criteria, "criteria");
        if (d.CreditsAvailable is < 0) errors.Add(new("creditsAvailable", "Must not be negative."));
        return errors;
    }
}
