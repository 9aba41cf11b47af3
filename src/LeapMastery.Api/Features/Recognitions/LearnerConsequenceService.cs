using LeapMastery.Api.Features.Frameworks;
using LeapMastery.Domain.Evidence;
using LeapMastery.Domain.Progress;
using LeapMastery.Domain.Recognitions;
using Marten;
using NodaTime;

namespace LeapMastery.Api.Features.Recognitions;

/// <summary>
/// Loads what deciding a write's consequences needs (the tenant's current frameworks and recognitions) once per
/// transaction, then decides them for each learner written (LearnerConsequences, in the domain).
/// </summary>
public sealed class LearnerConsequenceService(FrameworkCatalog catalog, IClock clock)
{
    public sealed class Context(IReadOnlyList<FrameworkInForce> frameworks, IReadOnlyList<RecognitionInForce> recognitions, Instant now, string by)
    {
        private readonly HashSet<Guid> _recognitionFrameworks = recognitions
            .SelectMany(r => r.Definition.Criteria.Leaves())
            .SelectMany(l => l is ProgressionStepCriterion step ? [step.FrameworkId]
                : frameworks.Where(f => l.CompetencyId is { } c && f.Definition.Find(c) is not null).Select(f => f.FrameworkId))
            .ToHashSet();

        private readonly Dictionary<Guid, FrameworkInForce> _frameworkOf = frameworks
            .SelectMany(f => f.Definition.Competencies.Select(c => (c.Id, f)))
            .GroupBy(x => x.Id).ToDictionary(g => g.Key, g => g.First().f);

        /// <summary>Every competency a recognition's criteria look at (those named, and the steps of the progressions named).</summary>
        public IReadOnlySet<Guid> CriteriaCompetencies { get; } = recognitions
            .SelectMany(r => r.Definition.Criteria.Leaves())
            .SelectMany(l => l switch
            {
                ProgressionStepCriterion step => frameworks.Where(f => f.FrameworkId == step.FrameworkId)
                    .SelectMany(f => f.Definition.Progressions.Where(p => p.Code == step.ProgressionCode).SelectMany(p => p.Steps)
                        .Select(code => f.Definition.FindByCode(code)?.Id)).OfType<Guid>(),
                _ => l.CompetencyId is { } c ? [c] : [],
            })
            .ToHashSet();

        /// <summary>The framework in force that holds a competency.</summary>
        public FrameworkInForce? FrameworkOf(Guid competencyId) => _frameworkOf.GetValueOrDefault(competencyId);

        public IReadOnlyList<FrameworkInForce> Frameworks { get; } = frameworks;
        public IReadOnlyList<RecognitionInForce> Recognitions { get; } = recognitions;
        public Instant Now { get; } = now;
        public string By { get; } = by;

        /// <summary>The events that follow from appending <paramref name="newEvents"/> to a learner whose record was <paramref name="before"/>.</summary>
        public IReadOnlyList<object> Decide(LearnerRecord before, IReadOnlyList<object> newEvents)
        {
            var touched = newEvents.SelectMany(e => LearnerRecordEvolution.FrameworksTouched(e, before)).ToHashSet();
            if (touched.Count == 0) return [];
            // Recognitions may look at any framework they name, so their frameworks are always computed.
            var relevant = Frameworks.Where(f => touched.Contains(f.FrameworkId) || (Recognitions.Count > 0 && _recognitionFrameworks.Contains(f.FrameworkId))).ToList();
            var after = LearnerRecordEvolution.ApplyAll(before, newEvents);
            return LearnerConsequences.Decide(before, after, relevant, Recognitions, Now, By, Guid.NewGuid);
        }

        /// <summary>After time alone changed the competencies in <paramref name="heldThrough"/> (docs/mastery.md §10): lapses, window drops, review flags.</summary>
        public IReadOnlyList<object> DecideTimePassed(LearnerRecord record, IReadOnlyDictionary<Guid, Instant> heldThrough)
        {
            var frameworks = Frameworks.Where(f => heldThrough.Keys.Any(c => f.Definition.Find(c) is not null)
                || (Recognitions.Count > 0 && _recognitionFrameworks.Contains(f.FrameworkId))).ToList();
            return LearnerConsequences.DecideTimePassed(record, frameworks, heldThrough, Recognitions, Now, By, Guid.NewGuid);
        }

        /// <summary>After a framework's revision: the learner's progress under the old and the new version.</summary>
        public IReadOnlyList<object> DecideRevision(LearnerRecord record, FrameworkInForce previous, FrameworkInForce current) =>
            LearnerConsequences.DecideRevision(record, previous, current, OthersThan(current.FrameworkId), Recognitions, Now, By, Guid.NewGuid);

        /// <summary>The other frameworks in force that recognitions look at (a revision or a preview of one framework leaves them as they are).</summary>
        public IReadOnlyList<FrameworkInForce> OthersThan(Guid frameworkId) =>
            Frameworks.Where(f => f.FrameworkId != frameworkId && _recognitionFrameworks.Contains(f.FrameworkId)).ToList();
    }

    public async Task<Context> LoadAsync(IQuerySession session, string by, CancellationToken ct)
    {
        var frameworks = (await catalog.CurrentAsync(session, ct)).Select(f => new FrameworkInForce(f.Id, f.Version, f.Definition)).ToList();
        var recognitions = (await session.Query<RecognitionDocument>().ToListAsync(ct)).Select(r => new RecognitionInForce(r.Id, r.Definition)).ToList();
        return new Context(frameworks, recognitions, clock.GetCurrentInstant(), by);
    }
}
