using FastEndpoints;
using FluentValidation;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Problems;
using LeapMastery.Api.Infrastructure.Tenancy;
using Marten;
using NodaTime;

namespace LeapMastery.Api.Features.ReportCards.Periods.Create;

public sealed class ReportingPeriodBody
{
    public string Code { get; set; } = "";
    public string Title { get; set; } = "";
    /// <summary>First day (yyyy-MM-dd), in the tenant's time zone.</summary>
    public LocalDate? StartDate { get; set; }
    /// <summary>Last day (yyyy-MM-dd), included.</summary>
    public LocalDate? EndDate { get; set; }
}

public sealed class CreateReportingPeriodRequest
{
    [FromBody] public ReportingPeriodBody Body { get; set; } = new();
}

public sealed class CreateReportingPeriodValidator : Validator<CreateReportingPeriodRequest>
{
    public CreateReportingPeriodValidator()
    {
        RuleFor(x => x.Body.Code).NotEmpty().MaximumLength(100).OverridePropertyName("code");
        RuleFor(x => x.Body.Title).NotEmpty().MaximumLength(300).OverridePropertyName("title");
        RuleFor(x => x.Body.StartDate).NotNull().OverridePropertyName("startDate");
        RuleFor(x => x.Body.EndDate).NotNull().OverridePropertyName("endDate");
        RuleFor(x => x.Body).Must(b => b.StartDate is null || b.EndDate is null || b.StartDate <= b.EndDate).OverridePropertyName("endDate")
            .WithMessage("endDate must not be before startDate.");
    }
}

public sealed class CreateReportingPeriodEndpoint(TenantContext tenant, TenantZone zones, IClock clock) : Endpoint<CreateReportingPeriodRequest, ReportingPeriodResponse>
{
    public override void Configure()
    {
        Post("/reporting-periods");
        Scopes(ApiScopes.Admin);
        Description(d => d.WithTags("Report cards").Produces<ReportingPeriodResponse>(201, "application/json").Produces(409));
        Summary(s => s.Summary = "Create a reporting period (local dates in the tenant's time zone)");
    }

    public override async Task HandleAsync(CreateReportingPeriodRequest req, CancellationToken ct)
    {
        await using var session = tenant.OpenSession();
        if (await session.Query<ReportingPeriod>().AnyAsync(p => p.Code == req.Body.Code, ct))
        {
            await Send.ResultAsync(Problems.Conflict($"A reporting period with code '{req.Body.Code}' already exists."));
            return;
        }
        var period = new ReportingPeriod
        {
            Id = Guid.NewGuid(), Code = req.Body.Code, Title = req.Body.Title, StartDate = req.Body.StartDate!.Value, EndDate = req.Body.EndDate!.Value,
            CreatedAt = clock.GetCurrentInstant(),
        };
        session.Insert(period);
        await session.SaveChangesAsync(ct);
        var zone = await zones.ZoneAsync(ct);
        HttpContext.Response.Headers.Location = $"/v1/reporting-periods";
        await Send.ResponseAsync(ReportingPeriodResponse.From(period, PeriodClock.IsClosed(period, zone, clock.GetCurrentInstant())), 201, ct);
    }
}
