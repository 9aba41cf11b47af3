using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace LeapMastery.Api.Tests.Infrastructure;

/// <summary>The API with a domain clock the test moves (tokens keep real time), for reporting periods that open and close.</summary>
public sealed class ClockedApiFactory : ApiFactory
{
    public FakeClock Clock { get; } = new(Instant.FromUtc(2026, 1, 15, 12, 0));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IClock>(Clock));
    }
}
