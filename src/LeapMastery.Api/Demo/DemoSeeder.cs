using System.Text.Json;
using LeapMastery.Api.Features.Frameworks;
using LeapMastery.Api.Features.Tenants;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Health;
using LeapMastery.Api.Infrastructure.Json;
using LeapMastery.Api.Infrastructure.Marten;
using LeapMastery.Api.Features.Groups;
using LeapMastery.Api.Learners;
using LeapMastery.Domain.Evidence;
using LeapMastery.Domain.Frameworks;
using LeapMastery.Domain.Mastery;
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
        {
            services.AddSingleton<DemoReadiness>();
            services.AddHostedService<DemoSeeder>();
            // Ready means a newcomer's first token request works: not before the demo tenant and its client exist.
            services.AddHealthChecks().AddCheck<DemoReadiness>("demo", tags: [Infrastructure.Health.HealthEndpoints.ReadyTag]);
        }
        return services;
    }
}

/// <summary>Not ready until the demo tenant, its admin client and its framework are seeded.</summary>
public sealed class DemoReadiness : Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck
{
    private volatile bool _seeded;

    public void Seeded() => _seeded = true;

    public Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(
        Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_seeded
            ? Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy()
            : Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy("The demo tenant is not seeded yet."));
}

/// <summary>Seeds the demo tenant, its admin client and a small framework for the main job (build/run); idempotent.</summary>
public sealed class DemoSeeder(
    IDocumentStore store, LeapMastery.Api.Infrastructure.Marten.TenantDatabases databases, SchemaInitializer schema, IClock clock, IOptions<DemoOptions> options, IOptions<AuthOptions> auth,
    IServer server, IHostApplicationLifetime lifetime, DemoReadiness readiness, LearnerStreamWriter learners, ILogger<DemoSeeder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (string.IsNullOrEmpty(o.ClientSecret))
        {
            logger.LogError("Demo:Seed is on but Demo:ClientSecret is empty; nothing seeded.");
            readiness.Seeded(); // nothing will be seeded: readiness must not wait for it
            return;
        }
        await schema.Applied.WaitAsync(stoppingToken);
        var now = clock.GetCurrentInstant();

        var created = await TenantProvisioning.CreateAsync(databases, o.TenantId, "Demo District", "America/Chicago", now, "demo-seed",
            adminClientId: o.ClientId, adminClientSecret: o.ClientSecret, ct: stoppingToken);
        if (created is null)
        {
            await using var session = databases.PlatformSession();
            var client = await session.LoadAsync<ApiClient>(o.ClientId, stoppingToken);
            if (client is not null && !ClientSecrets.Verify(o.ClientSecret, client.SecretHash))
            {
                client.SecretHash = ClientSecrets.Hash(o.ClientSecret);
                session.Store(client);
                await session.SaveChangesAsync(stoppingToken);
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
                if (definition is null) throw new InvalidOperationException("The demo framework is invalid: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")));
                var id = Guid.NewGuid();
                // Decided like any framework: the framework rules hold for the demo too.
                var decision = FrameworkDecisions.Create(new CreateFramework(id, definition, CodeTaken: false, now, "demo-seed"));
                if (decision.Refusal is { } refused) throw new InvalidOperationException("The demo framework is invalid: " + refused.Message);
                session.Events.StartStream<FrameworkDocument>(id, decision.Events.ToArray());
                await session.SaveChangesAsync(stoppingToken);
            }
        }
        await SeedClassAsync(o, DemoFrameworkCode, now, stoppingToken);

        readiness.Seeded();
        await WhenStarted(stoppingToken);
        var url = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:5080";
        Console.WriteLine($"""

            ── LeapMastery is ready ─────────────────────────────────────────
              Swagger UI     {url}/swagger
              Mastery grid   {url}/app/  (sign in below, group {DemoGroupId})
              Demo tenant    {o.TenantId}
              Client id      {o.ClientId}
              Client secret  {o.ClientSecret}
              Operator id    {(string.IsNullOrEmpty(auth.Value.OperatorClientId) ? "(disabled)" : auth.Value.OperatorClientId)}  (secret in .data/local-secrets.env)
              Get a token:   curl -s -d grant_type=client_credentials -d client_id={o.ClientId} -d client_secret={o.ClientSecret} {url}/v1/oauth/token
            ─────────────────────────────────────────────────────────────────

            """);
    }

    /// <summary>The code of the framework in Demo/demo-framework.json.</summary>
    private const string DemoFrameworkCode = "math-fractions";

    /// <summary>The demo section's learners on the demo framework's progression.</summary>
    public const string DemoGroupId = "demo-class";

    /// <summary>
    /// A section of eight learners with evidence along the fractions progression, so the page at /app has a grid to show:
    /// some have mastered several steps, some are in progress, some have not started. Each piece has a fixed source id, so
    /// seeding again records nothing twice.
    /// </summary>
    private async Task SeedClassAsync(DemoOptions o, string frameworkCode, Instant now, CancellationToken ct)
    {
        FrameworkDocument framework;
        await using (var session = store.LightweightSession(o.TenantId))
        {
            framework = (await session.Query<FrameworkDocument>().FirstAsync(f => f.Code == frameworkCode, ct))!;
            var members = Enumerable.Range(1, 8).Select(i => $"demo-learner-{i:00}").ToList();
            if (await session.LoadAsync<GroupDocument>(DemoGroupId, ct) is null)
            {
                session.Store(new GroupDocument { Id = DemoGroupId, Kind = "section", Title = "Grade 5 · Room 12 (demo)", Members = members, UpdatedAt = now });
                await session.SaveChangesAsync(ct);
            }
        }
        var steps = framework.Definition.Progressions.Single(p => p.Code == "fractions").Steps
            .Select(code => framework.Definition.Competencies.Single(c => c.Code == code).Id).ToList();
        // Per learner, the levels shown on the progression's steps, in order (0: nothing yet).
        int[][] levels =
        [
            [4, 4, 3, 3, 2], [4, 3, 3, 2, 0], [3, 3, 2, 0, 0], [4, 4, 4, 4, 3],
            [2, 1, 0, 0, 0], [3, 2, 2, 1, 0], [1, 0, 0, 0, 0], [0, 0, 0, 0, 0],
        ];
        var origin = new LearnerWriteOrigin(o.TenantId, "demo-seed");
        for (var i = 0; i < levels.Length; i++)
        {
            var learnerId = $"demo-learner-{i + 1:00}";
            var commands = levels[i].Select((level, step) => (level, step)).Where(x => x.level > 0).Select(x => new RecordEvidence(
                Guid.NewGuid(), learnerId, "demo-seed", $"{learnerId}-{x.step}", x.step % 2 == 0 ? EvidenceModality.Assessment : EvidenceModality.Project,
                now - Duration.FromDays(30 - 5 * x.step), [new EvidenceAlignment(framework.Id, steps[x.step], AlignmentScore.OfLevel(x.level.ToString()))],
                new EvidenceFeedback("Kept at it", "Used a number line", x.level >= 3 ? "Explains equivalent fractions clearly" : "Check the denominators"),
                null, now, "demo-seed")).ToList();
            if (commands.Count == 0) continue;
            await learners.WriteAsync(origin, learnerId, LearnerReads.Of(new LearnerReads
            {
                SourceKeys = commands.Select(c => LearnerEvidence.SourceKeyOf(c.SourceSystem, c.SourceId)).OfType<string>().ToList(),
                Competencies = steps,
            }), turn =>
            {
                foreach (var command in commands) turn.Append(LearnerDecisions.Decide(command, turn.State).Events);
                return true;
            }, ct);
        }
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
