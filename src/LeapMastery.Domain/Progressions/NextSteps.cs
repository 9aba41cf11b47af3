namespace LeapMastery.Domain.Progressions;

/// <summary>
/// What a learner can do next (LD.3, MASTERY §6). <see cref="Advance"/>: competencies neither mastered nor placed whose
/// prerequisites are all mastered or placed, each progression's current step first. <see cref="GoDeeper"/>: extensions
/// of competencies the learner has demonstrably mastered (placement does not count) that are not mastered themselves.
/// </summary>
public sealed record NextSteps(IReadOnlyList<Guid> Advance, IReadOnlyList<Guid> GoDeeper)
{
    /// <param name="competencies">Every competency of the framework, in the framework's order; it orders the results.</param>
    /// <param name="progressions">Each progression's steps in order.</param>
    /// <param name="prerequisites">For a competency, the competencies it requires; absent means none.</param>
    /// <param name="extensions">For a competency, its extension (go-deeper) competencies; absent means none.</param>
    public static NextSteps Compute(
        IReadOnlyList<Guid> competencies,
        IReadOnlyList<IReadOnlyList<Guid>> progressions,
        IReadOnlySet<Guid> mastered,
        IReadOnlySet<Guid> placed,
        IReadOnlyDictionary<Guid, IReadOnlyList<Guid>> prerequisites,
        IReadOnlyDictionary<Guid, IReadOnlyList<Guid>> extensions)
    {
        // A placed step already counts as done for the learner's position, so it is not offered as a next step.
        bool Done(Guid id) => mastered.Contains(id) || placed.Contains(id);
        bool Unlocked(Guid id) => !prerequisites.TryGetValue(id, out var required) || required.All(Done);

        var currentSteps = progressions
            .Select(steps => ProgressionPosition.Compute(steps, mastered.Contains, placed.Contains).CurrentCompetency)
            .OfType<Guid>();
        var advance = currentSteps.Concat(competencies)
            .Where(id => !Done(id) && Unlocked(id))
            .Distinct()
            .ToList();

        var goDeeper = competencies
            .Where(mastered.Contains)
            .SelectMany(id => extensions.TryGetValue(id, out var deeper) ? deeper : [])
            .Where(id => !mastered.Contains(id))
            .Distinct()
            .ToList();

        return new NextSteps(advance, goDeeper);
    }
}
