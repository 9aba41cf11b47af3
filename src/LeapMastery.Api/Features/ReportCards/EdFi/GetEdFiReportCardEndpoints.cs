using FastEndpoints;
using LeapMastery.Api.Features.Groups;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Http;
using LeapMastery.Api.Infrastructure.Problems;
using LeapMastery.Api.Infrastructure.Tenancy;
using LeapMastery.Api.Features.ReportCards.Group;
using LeapMastery.Api.Features.ReportCards.Learner;
using LeapMastery.Interop.EdFi;

namespace LeapMastery.Api.Features.ReportCards.EdFi;

public sealed class GetLearnerEdFiReportCardEndpoint(ReportCardSource source, EdFiCards edFi) : Endpoint<LearnerReportCardRequest, EdFiReportCard>
{
    public override void Configure()
    {
        Get("/learners/{learnerId}/report-cards/{periodId:guid}/ed-fi");
        Scopes(ApiScopes.ReportCardsRead);
        Description(d => d.WithTags("Report cards").Produces(404).Produces(409));
        Summary(s =>
        {
            s.Summary = "A learner's report card for a period in the Ed-Fi shape: the reportCard, its studentCompetencyObjectives and learning-standard grades";
            s.Description = "The same card as `…/report-cards/{periodId}`, mapped by the district's Ed-Fi settings (`PUT /v1/settings/ed-fi`): " +
                            "one StudentCompetencyObjective per assessed competency of each framework the settings list (its competency level " +
                            "descriptor, the period's mastery feedback as the diagnostic statement), the same as learning-standard grades (level " +
                            "code and score), and the ReportCard that references the objectives. 409 names the settings a gap needs (no mapping, " +
                            "the period, a scale level, a key Ed-Fi cannot hold such as a learner id over 32 characters). docs/report-cards.md has an example.";
        });
    }

    public override async Task HandleAsync(LearnerReportCardRequest req, CancellationToken ct)
    {
        if (await source.LoadAsync(req.PeriodId, ct) is not { } period)
        {
            await Send.ResultAsync(Problems.NotFound($"No reporting period {req.PeriodId} in this tenant."));
            return;
        }
        var (mapping, refusal) = await edFi.MappingForAsync(period, ct);
        if ((refusal ?? EdFiCards.StudentRefusal([req.LearnerId], "learnerId")) is { } refused)
        {
            await RefusalAnswer.SendAsync(HttpContext, refused, ct);
            return;
        }
        var records = await source.RecordsAsync([req.LearnerId], ct);
        await Send.OkAsync(EdFiCards.Card(mapping!, period, period.Card(req.LearnerId, records.GetValueOrDefault(req.LearnerId))), ct);
    }
}

public sealed class GetGroupEdFiReportCardsEndpoint(ReportCardSource source, EdFiCards edFi) : Endpoint<GroupReportCardsRequest, Page<EdFiReportCard>>
{
    public override void Configure()
    {
        Get("/groups/{groupId}/report-cards/{periodId:guid}/ed-fi");
        Scopes(ApiScopes.ReportCardsRead);
        Description(d => d.WithTags("Report cards").Produces(404).Produces(409));
        Summary(s =>
        {
            s.Summary = "Report cards for a section or school in the Ed-Fi shape, one per member, cursor-paginated";
            s.Description = "As `…/learners/{learnerId}/report-cards/{periodId}/ed-fi` for each member, in learner id order; `limit` 1 to 200 (default 50), `cursor` the previous page's `nextCursor`. A page holding a learner id Ed-Fi cannot hold (over 32 characters) is a 409 naming it.";
        });
    }

    public override async Task HandleAsync(GroupReportCardsRequest req, CancellationToken ct)
    {
        var (members, period, notFound) = await source.GroupPeriodAsync(req.GroupId, req.PeriodId, ct);
        if (notFound is not null)
        {
            await Send.ResultAsync(notFound);
            return;
        }
        var (mapping, refusal) = await edFi.MappingForAsync(period, ct);
        if (refusal is not null)
        {
            await RefusalAnswer.SendAsync(HttpContext, refusal, ct);
            return;
        }
        var (page, next) = ReportCardSource.PageOf(members, req.Cursor, req.Limit);
        if (EdFiCards.StudentRefusal(page, "members") is { } refused)
        {
            await RefusalAnswer.SendAsync(HttpContext, refused, ct);
            return;
        }
        var records = await source.RecordsAsync(page, ct);
        await Send.OkAsync(new Page<EdFiReportCard>
        {
            Items = page.Select(m => EdFiCards.Card(mapping!, period, period.Card(m, records.GetValueOrDefault(m)))).ToList(), NextCursor = next,
        }, ct);
    }
}
