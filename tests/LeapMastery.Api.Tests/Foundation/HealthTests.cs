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
}
