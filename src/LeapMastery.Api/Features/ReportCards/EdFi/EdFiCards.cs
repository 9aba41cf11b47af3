using LeapMastery.Api.Infrastructure.Tenancy;
using LeapMastery.Domain;
using LeapMastery.Interop.EdFi;

namespace LeapMastery.Api.Features.ReportCards.EdFi;

/// <summary>Report cards in the Ed-Fi shape: the district's mapping, checked once per request against the period and its frameworks.</summary>
public sealed class EdFiCards(TenantContext tenant)
{
    /// <summary>The mapping for a period, or a refusal naming the settings to add (none at all, the period, a scale level).</summary>
    public async Task<(EdFiMapping? Mapping, Refusal? Refusal)> MappingForAsync(ReportCardSource.Period period, CancellationToken ct)
    {
        await using var session = tenant.QuerySession();
        if (await session.LoadAsync<EdFiSettingsDocument>(EdFiSettingsDocument.TheId, ct) is not { } stored)
            return (null, new Refusal(RefusalKind.Conflict, [new("settings", "This tenant has no Ed-Fi mapping yet: PUT /v1/settings/ed-fi sets one (docs/report-cards.md).")]));
        var mapping = stored.Settings.ToMapping();
        var frameworks = period.Frameworks.Select(f => new EdFiFrameworkStanding(f.Definition.Code, f.Definition.Scale.Levels.Select(l => l.Code).ToList(),
            f.Definition.Competencies.Select(c => new EdFiCompetencyStanding(c.Code, c.CaseIdentifier, null, null, null)).ToList()));
        var gaps = EdFiReportCards.Gaps(mapping, period.Definition.Code, frameworks);
        return gaps.Count > 0 ? (null, new Refusal(RefusalKind.Conflict, gaps)) : (mapping, null);
    }

    /// <summary>The refusal for learners whose ids Ed-Fi cannot hold (none: null).</summary>
    public static Refusal? StudentRefusal(IEnumerable<string> learnerIds, string field) =>
        EdFiReportCards.StudentGaps(learnerIds, field) is { Count: > 0 } gaps ? new Refusal(RefusalKind.Conflict, gaps) : null;

    /// <summary>A learner's card in the Ed-Fi shape, from the card the JSON and CSV answers give.</summary>
    public static EdFiReportCard Card(EdFiMapping mapping, ReportCardSource.Period period, ReportCardResponse card)
    {
        var definitions = period.Frameworks.ToDictionary(f => f.Id, f => f.Definition);
        return EdFiReportCards.Map(mapping, new EdFiStanding(card.LearnerId, card.PeriodCode, card.Frameworks.Select(f =>
        {
            var definition = definitions[f.FrameworkId];
            return new EdFiFrameworkStanding(f.Code, definition.Scale.Levels.Select(l => l.Code).ToList(), f.Competencies.Select(c =>
                new EdFiCompetencyStanding(c.Code, definition.Find(c.CompetencyId)?.CaseIdentifier, c.Level?.Code, c.Score, c.FeedbackHighlight)).ToList(),
                f.Grade is { } g ? new EdFiFrameworkGrade(g.Grade, g.Mean, string.Join("; ", g.Explanation)) : null);
        }).ToList()));
    }
}
