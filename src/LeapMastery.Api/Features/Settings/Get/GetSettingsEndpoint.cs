using FastEndpoints;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Marten;
using LeapMastery.Api.Infrastructure.Tenancy;
using Marten;

namespace LeapMastery.Api.Features.Settings.Get;

public sealed class GetSettingsEndpoint(LeapMastery.Api.Infrastructure.Marten.TenantDatabases databases, TenantContext tenant) : EndpointWithoutRequest<TenantSettings>
{
    public override void Configure()
    {
        Get("/settings");
        Scopes(ApiScopes.Admin, ApiScopes.ProgressRead, ApiScopes.ReportCardsRead);
        Description(d => d.WithTags("Settings"));
        Summary(s => s.Summary = "Get the tenant's settings (name, time zone)");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        await using var session = databases.PlatformQuery();
        var record = await session.LoadAsync<TenantRecord>(tenant.TenantId, ct);
        await Send.OkAsync(new TenantSettings { Name = record?.Name ?? tenant.TenantId, TimeZone = record?.TimeZone ?? "UTC" }, ct);
    }
}
