using LeapMastery.Api.Features.Frameworks;
using LeapMastery.Domain;
using LeapMastery.Domain.Evidence;
using LeapMastery.Domain.Frameworks;
using LeapMastery.Domain.Mastery;
using Marten;

namespace LeapMastery.Api.Features.Evidence;

/// <summary>Finds the competency each alignment points at (by id or CASE identifier) and checks its score against that framework's scale.</summary>
public sealed class AlignmentResolver
{
    private readonly Dictionary<Guid, (Guid FrameworkId, FrameworkDefinition Framework)> _byId = [];
    private readonly Dictionary<string, (Guid FrameworkId, Guid CompetencyId)> _byCase = new(StringComparer.OrdinalIgnoreCase);

    private AlignmentResolver(IEnumerable<FrameworkDocument> frameworks)
    {
        foreach (var f in frameworks)
        foreach (var c in f.Definition.Competencies)
        {
            _byId[c.Id] = (f.Id, f.Definition);
            if (c.CaseIdentifier is not null) _byCase[c.CaseIdentifier] = (f.Id, c.Id);
        }
    }

    public static async Task<AlignmentResolver> LoadAsync(IQuerySession session, FrameworkCatalog catalog, CancellationToken ct) =>
        new(await catalog.CurrentAsync(session, ct));

    public (IReadOnlyList<EvidenceAlignment> Alignments, IReadOnlyList<DomainError> Errors) Resolve(IReadOnlyList<AlignmentContract> alignments)
    {
        var errors = new List<DomainError>();
        var resolved = new List<EvidenceAlignment>();
        for (var i = 0; i < alignments.Count; i++)
        {
            var a = alignments[i];
            var field = $"alignments[{i}]";
            if ((a.CompetencyId is null) == (a.CaseIdentifier is null))
            {
                errors.Add(new($"{field}.competencyId", "Give exactly one of competencyId or caseIdentifier."));
                continue;
            }
            Guid competencyId;
            if (a.CompetencyId is { } id) competencyId = id;
            else if (_byCase.TryGetValue(a.CaseIdentifier!, out var byCase)) competencyId = byCase.CompetencyId;
            else
            {
                errors.Add(new($"{field}.caseIdentifier", $"No competency of this tenant has CASE identifier '{a.CaseIdentifier}'."));
                continue;
            }
            if (!_byId.TryGetValue(competencyId, out var owner))
            {
                errors.Add(new($"{field}.competencyId", $"No competency {competencyId} in this tenant's frameworks."));
                continue;
            }
            var score = new AlignmentScore(a.Level, a.Points, a.Raw, a.Max);
            var converted = ScoreConversion.ToScale(score, owner.Framework.Scale, null, field);
            if (!converted.IsValid)
            {
                errors.AddRange(converted.Errors);
                continue;
            }
            if (resolved.Any(r => r.CompetencyId == competencyId))
            {
                errors.Add(new($"{field}.competencyId", "The same competency appears twice in this evidence."));
                continue;
            }
            resolved.Add(new EvidenceAlignment(owner.FrameworkId, competencyId, score));
        }
        return (resolved, errors);
    }
}
