using System.Net;
using LeapMastery.Api.Tests.Infrastructure;

namespace LeapMastery.Api.Tests.Foundation;

/// <summary>An API whose database does not answer: it starts, says it is alive, and says it is not ready.</summary>
public sealed class UnreachableDatabaseFactory : ApiFactory
{
    protected override Task<string> DatabaseAsync() => Task.FromResult(PostgresServer.Unreachable);
}

public sealed class HealthTests(UnreachableDatabaseFactory api) : IClassFixture<UnreachableDatabaseFactory>
{
    [Fact]
    public async Task Ready_is_503_when_the_database_is_unreachable_while_live_stays_200()
    {
        using var http = api.CreateClient();
        (await http.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);
        var ready = await http.GetAsync("/health/ready");
        ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await ready.Content.ReadAsStringAsync()).Should().Contain("Unhealthy");
    }

    [Fact]
    public async Task A_request_that_meets_the_database_unavailable_is_a_503_problem_with_Retry_After_never_a_500()
    {
        using var http = api.CreateClient();
        var token = await http.PostAsync("/v1/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "someone", ["client_secret"] = "something-long-enough",
        }));
        var problem = await token.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        problem.GetProperty("type").GetString().Should().Be("urn:leapmastery:problem:service-unavailable");
        problem.GetProperty("detail").GetString().Should().Contain("Send it again");
        token.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_failed_schema_attempt_is_one_line_with_its_cause()
    {
        _ = api.Server;
        List<string> attempts = [];
        for (var i = 0; i < 100 && attempts.Count == 0; i++)
        {
            await Task.Delay(100);
            attempts = api.Logs.Where(l => l.Contains("Database schema not applied yet", StringComparison.Ordinal)).ToList();
        }
        attempts.Should().NotBeEmpty("the unreachable database makes the first attempt fail");
        foreach (var line in attempts)
        {
            var message = line[line.IndexOf("Database schema", StringComparison.Ordinal)..];
            message.Should().NotContain("\n").And.NotContainAny("CREATE", "create table");
            message.Length.Should().BeLessThan(500);
        }
    }
}

/// <summary>The demo of ./build/run: ready means its tenant and client exist, so the first token request right after works.</summary>
public sealed class DemoReadinessTests : IAsyncLifetime
{
    private string _database = "";

    public async Task InitializeAsync() => _database = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Ready_only_once_the_demo_tenant_and_client_exist_and_a_token_works_at_once()
    {
        const string secret = "demo-readiness-secret-0123456789";
        await using var node = new NodeOnDatabase(_database, ("Demo:Seed", "true"), ("Demo:ClientSecret", secret));
        await node.InitializeAsync();
        using var http = node.CreateClient();
        HttpResponseMessage ready;
        var polls = 0;
        do
        {
            ready = await http.GetAsync("/health/ready");
            if (ready.StatusCode != HttpStatusCode.OK) await Task.Delay(20);
        } while (ready.StatusCode != HttpStatusCode.OK && ++polls < 1000);
        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ready.Content.ReadAsStringAsync()).Should().Contain("\"demo\"", "the demo's seeding is part of readiness");

        var token = await http.PostAsync("/v1/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "demo-admin", ["client_secret"] = secret,
        }));
        token.StatusCode.Should().Be(HttpStatusCode.OK, "the first token request after readiness never fails");
    }
}
