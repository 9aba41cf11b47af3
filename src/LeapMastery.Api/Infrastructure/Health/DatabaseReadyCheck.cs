using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LeapMastery.Api.Infrastructure.Health;

/// <summary>Ready = the schema has been applied and PostgreSQL answers a query now.</summary>
public sealed class DatabaseReadyCheck(LeapMastery.Api.Infrastructure.Marten.TenantDatabases databases, SchemaInitializer schema) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!schema.IsApplied) return HealthCheckResult.Unhealthy("Database schema not applied yet.");
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            await using var session = databases.PlatformQuery();
            await session.QueryAsync<int>("select 1", timeout.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("Database unreachable.", ex);
        }
    }
}
