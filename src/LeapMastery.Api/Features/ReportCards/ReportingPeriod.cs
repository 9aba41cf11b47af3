using NodaTime;

namespace LeapMastery.Api.Features.ReportCards;

/// <summary>A reporting period of the tenant, in local dates of the tenant's time zone (both ends included).</summary>
public sealed class ReportingPeriod
{
    public Guid Id { get; set; }
    public string Code { get; set; } = "";
    public string Title { get; set; } = "";
    public LocalDate StartDate { get; set; }
    public LocalDate EndDate { get; set; }
    public Instant CreatedAt { get; set; }
}

public sealed class ReportingPeriodResponse
{
    public Guid PeriodId { get; set; }
    public string Code { get; set; } = "";
    public string Title { get; set; } = "";
    public LocalDate StartDate { get; set; }
    public LocalDate EndDate { get; set; }
    /// <summary>True once the end date has passed in the tenant's time zone: its report cards no longer change.</summary>
    public bool Closed { get; set; }

    public static ReportingPeriodResponse From(ReportingPeriod p, bool closed) =>
        new() { PeriodId = p.Id, Code = p.Code, Title = p.Title, StartDate = p.StartDate, EndDate = p.EndDate, Closed = closed };
}

public static class PeriodClock
{
    /// <summary>The first instant after the period, in the zone: everything a report card shows was recorded before it.</summary>
    public static Instant End(ReportingPeriod p, DateTimeZone zone) => p.EndDate.PlusDays(1).AtStartOfDayInZone(zone).ToInstant();

    public static Instant Start(ReportingPeriod p, DateTimeZone zone) => p.StartDate.AtStartOfDayInZone(zone).ToInstant();

    public static bool IsClosed(ReportingPeriod p, DateTimeZone zone, Instant now) => now >= End(p, zone);
}
