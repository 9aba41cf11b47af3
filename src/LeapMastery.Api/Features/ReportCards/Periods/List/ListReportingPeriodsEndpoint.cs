using FastEndpoints;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Tenancy;
using Marten;
using NodaTime;

namespace LeapMastery.Api.Features.ReportCards.Periods.List;

public sealed class ListReportingPeriodsEndpoint(TenantContext tenant, TenantZone zones, IClock clock) : EndpointWithoutRequest<List<ReportingPeriodResponse>>
{
    public override void Configure()
    {
        Get("/reporting-periods");
        Scopes(ApiScopes.Admin, ApiScopes.ReportCardsRead);
        Description(d => d.WithTags("Report cards"));
        Summary(s => s.Summary = "List reporting periods, by start date");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        await using var session = tenant.QuerySession();
        var periods = await session.Query<ReportingPeriod>().ToListAsync(ct);
        var zone = await zones.ZoneAsync(ct);
        var now = clock.GetCurrentInstant();
        await Send.OkAsync(periods.OrderBy(p => p.StartDate).ThenBy(p => p.Code).Select(p => ReportingPeriodResponse.From(p, PeriodClock.IsClosed(p, zone, now))).ToList(), ct);
    }
}
