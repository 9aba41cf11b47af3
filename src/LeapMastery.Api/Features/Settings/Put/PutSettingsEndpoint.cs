using FastEndpoints;
using FluentValidation;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Marten;
using LeapMastery.Api.Infrastructure.Tenancy;
using Marten;

namespace LeapMastery.Api.Features.Settings.Put;

public sealed class PutSettingsRequest
{
    public string Name { get; set; } = "";
    /// <summary>IANA time zone id, e.g. <c>America/New_York</c>.</summary>
    public string TimeZone { get; set; } = "";
}

public sealed class PutSettingsValidator : Validator<PutSettingsRequest>
{
    public PutSettingsValidator()
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(200);
        RuleFor(x => x.TimeZone).NotEmpty().Must(TimeZones.IsKnown).WithMessage("Not an IANA time zone id.");
    }
}

public sealed class PutSettingsEndpoint(LeapMastery.Api.Infrastructure.Marten.TenantDatabases databases, TenantContext tenant) : Endpoint<PutSettingsRequest, TenantSettings>
{
    public override void Configure()
    {
        Put("/settings");
        Scopes(ApiScopes.Admin);
        Description(d => d.WithTags("Settings"));
        Summary(s => s.Summary = "Replace the tenant's settings");
    }

    public override async Task HandleAsync(PutSettingsRequest req, CancellationToken ct)
    {
        await using var session = databases.PlatformSession();
        var record = await session.LoadAsync<TenantRecord>(tenant.TenantId, ct)
                     ?? new TenantRecord { Id = tenant.TenantId };
        record.Name = req.Name;
        record.TimeZone = req.TimeZone;
        session.Store(record);
        await session.SaveChangesAsync(ct);
        await Send.OkAsync(new TenantSettings { Name = record.Name, TimeZone = record.TimeZone }, ct);
    }
}
