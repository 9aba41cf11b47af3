using System.Text.Json;
using LeapMastery.Api.Features.Frameworks;
using LeapMastery.Api.Features.Tenants;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Health;
using LeapMastery.Api.Infrastructure.Json;
using LeapMastery.Api.Infrastructure.Marten;
using LeapMastery.Domain.Frameworks;
using Marten;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using NodaTime;

namespace LeapMastery.Api.Demo;

public sealed class DemoOptions
{
    public const string Section = "Demo";
    public bool Seed { get; set; }
    public string TenantId { get; set; } = "demo";
    public string ClientId { get; set; } = "demo-admin";
    /// <summary>The demo client's secret; build/run generates one and keeps it in .data/local-secrets.env.</summary>
    public string ClientSecret { get; set; } = "";
}

public static class DemoSetup
{
    public static IServiceCollection AddLeapDemo(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DemoOptions>(configuration.GetSection(DemoOptions.Section));
        if (configuration.GetValue($"{DemoOptions.Section}:Seed", false))
            services.AddHostedService<DemoSeeder>();
        return services;
    }
}

/// <summary>Seeds the demo tenant, its admin client and a small framework for the main job (build/run); idempotent.</summary>
public sealed class DemoSeeder(
    IDocumentStore store, SchemaInitializer schema, IClock clock, IOptions<DemoOptions> options, IOptions<AuthOptions> auth,
    IServer server, IHostApplicationLifetime lifetime, ILogger<DemoSeeder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (string.IsNullOrEmpty(o.ClientSecret))
        {
            logger.LogError("Demo:Seed is on but Demo:ClientSecret is empty; nothing seeded.");
            return;
        }
        await schema.Applied.WaitAsync(stoppingToken);
        var now = clock.GetCurrentInstant();

        await using (var session = store.LightweightSession())
        {
            var created = await TenantProvisioning.CreateAsync(session, o.TenantId, "Demo District", "America/Chicago", now, "demo-seed",
                o.ClientId, o.ClientSecret, stoppingToken);
            if (created is null)
            {
                var client = await session.LoadAsync<ApiClient>(o.ClientId, stoppingToken);
                if (client is not null && !ClientSecrets.Verify(o.ClientSecret, client.SecretHash))
                {
                    client.SecretHash = ClientSecrets.Hash(o.ClientSecret);
                    session.Store(client);
                    await session.SaveChangesAsync(stoppingToken);
                }
            }
        }

        await using (var session = store.LightweightSession(o.TenantId))
        {
            var body = JsonSerializer.Deserialize<FrameworkBody>(
                await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Demo", "demo-framework.json"), stoppingToken),
                JsonOptions())!;
            if (!await session.Query<FrameworkDocument>().AnyAsync(f => f.Code == body.Code, stoppingToken))
            {
                var (definition, errors) = FrameworkMapping.ToDefinition(body, null, Guid.NewGuid);
                if (definition is null) throw new InvalidOperationException("The demo framework is invalid: " + string.Join("; ", errors));
                var id = Guid.NewGuid();
                session.Events.StartStream<FrameworkDocument>(id, new FrameworkCreated(id, definition, now, "demo-seed"));
                await session.SaveChangesAsync(stoppingToken);
            }
        }

        await WhenStarted(stoppingToken);
        var url = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:5080";
        Console.WriteLine($"""

            ── LeapMastery is ready ─────────────────────────────────────────
              Swagger UI     {url}/swagger
              Demo tenant    {o.TenantId}
              Client id      {o.ClientId}
              Client secret  {o.ClientSecret}
              Operator id    {(string.IsNullOrEmpty(auth.Value.OperatorClientId) ? "(disabled)" : auth.Value.OperatorClientId)}  (secret in .data/local-secrets.env)
              Get a token:   curl -s -d grant_type=client_credentials -d client_id={o.ClientId} -d client_secret={o.ClientSecret} {url}/v1/oauth/token
            ─────────────────────────────────────────────────────────────────

            """);
    }

    private Task WhenStarted(CancellationToken ct)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task.WaitAsync(ct);
    }

    private static JsonSerializerOptions JsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        JsonSetup.Configure(options);
        return options;
    }
}
