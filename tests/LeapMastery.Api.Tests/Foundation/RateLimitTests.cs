using System.Net;
using LeapMastery.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace LeapMastery.Api.Tests.Foundation;

/// <summary>The API with small rate limits turned on (they are off in every other test).</summary>
public sealed class RateLimitedApiFactory : ApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimits:Enabled", "true");
        builder.UseSetting("RateLimits:PerClientRequestsPerSecond", "1");
        builder.UseSetting("RateLimits:PerClientBurst", "5");
        builder.UseSetting("RateLimits:AnonymousRequestsPerMinute", "1000");
    }
}

/// <summary>The API with a small limit on requests without a token.</summary>
public sealed class AnonymousLimitedApiFactory : ApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimits:Enabled", "true");
        builder.UseSetting("RateLimits:AnonymousRequestsPerMinute", "20");
    }
}

public sealed class RateLimitTests(RateLimitedApiFactory api) : IClassFixture<RateLimitedApiFactory>
{
    [Fact]
    public async Task A_client_over_its_limit_gets_429_with_Retry_After_and_a_problem_while_other_clients_carry_on()
    {
        var busy = await api.NewTenantAsync();
        var calm = await api.NewTenantAsync();
        using var busyHttp = await busy.AdminAsync();
        using var calmHttp = await calm.AdminAsync();

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 12; i++) answers.Add(await busyHttp.GetAsync("/v1/frameworks"));
        answers.Should().Contain(r => r.StatusCode == HttpStatusCode.OK);
        var limited = answers.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        int.Parse(limited.Headers.GetValues("Retry-After").Single()).Should().BeGreaterThanOrEqualTo(1);
        (await limited.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests)).GetProperty("type").GetString().Should().Be("urn:leapmastery:problem:too-many-requests");

        (await calmHttp.GetAsync("/v1/frameworks")).StatusCode.Should().Be(HttpStatusCode.OK, "limits are per client");
        await Task.Delay(TimeSpan.FromSeconds(2.2));
        (await busyHttp.GetAsync("/v1/frameworks")).StatusCode.Should().Be(HttpStatusCode.OK, "the bucket refills");
    }
}

public sealed class AnonymousRateLimitTests(AnonymousLimitedApiFactory api) : IClassFixture<AnonymousLimitedApiFactory>
{
    [Fact]
    public async Task Requests_without_a_token_are_limited_per_address()
    {
        using var anonymous = api.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++) statuses.Add((await anonymous.GetAsync("/v1/frameworks")).StatusCode);
        statuses.Should().Contain(HttpStatusCode.Unauthorized).And.Contain(HttpStatusCode.TooManyRequests);
        (await anonymous.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK, "health probes are never limited");
    }
}
