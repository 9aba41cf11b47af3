using FastEndpoints;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Problems;

namespace LeapMastery.Api.Features.ReportCards.Learner;

public sealed class LearnerReportCardRequest
{
    /// <summary>The learner's SIS sourcedId.</summary>
    public string LearnerId { get; set; } = "";
    /// <summary>The reporting period's id.</summary>
    public Guid PeriodId { get; set; }
}

public sealed class GetLearnerReportCardEndpoint(ReportCardSource source) : Endpoint<LearnerReportCardRequest, ReportCardResponse>
{
    public override void Configure()
    {
        Get("/learners/{learnerId}/report-cards/{periodId:guid}");
        Scopes(ApiScopes.ReportCardsRead);
        Description(d => d.WithTags("Report cards").Produces(404));
        Summary(s =>
        {
            s.Summary = "A learner's proficiency-based report card for a period (LD.5)";
            s.Description = "Each competency's level at the end of the period in the tenant's time zone (placed, not yet assessed, or a level and whether mastered), the evidence counted within the period, a feedback highlight, progression positions and recognitions held. Later evidence and corrections never change a closed period's card; they show in the next period.";
        });
    }

    public override async Task HandleAsync(LearnerReportCardRequest req, CancellationToken ct)
    {
        var period = await source.LoadAsync(req.PeriodId, ct);
        if (period is null)
        {
            await Send.ResultAsync(Problems.NotFound($"No reporting period {req.PeriodId} in this tenant."));
            return;
        }
        var records = await source.RecordsAsync([req.LearnerId], ct);
        await Send.OkAsync(period.Card(req.LearnerId, records.GetValueOrDefault(req.LearnerId)), ct);
    }
}
