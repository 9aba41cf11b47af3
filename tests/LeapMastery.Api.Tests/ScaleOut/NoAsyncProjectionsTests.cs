using JasperFx.Events.Projections;
using LeapMastery.Api.Infrastructure.Marten;
using Marten;

namespace LeapMastery.Api.Tests.ScaleOut;

/// <summary>
/// Every projection is inline, so Marten's async daemon has nothing to run and API nodes need no leader for it
/// (docs/operations.md). An async projection would need one per database: this fails until that comes with it.
/// </summary>
public sealed class NoAsyncProjectionsTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_projection_is_inline_so_no_node_has_to_run_the_daemon(bool severalDatabases)
    {
        var options = new StoreOptions();
        var tenancy = severalDatabases ? new TenancyOptions { Databases = { ["east"] = "Host=127.0.0.1;Database=east" } } : null;
        MartenSetup.Configure(options, "Host=127.0.0.1;Database=main", tenancy);
        var projections = options.Projections.All.ToList();
        projections.Should().NotBeEmpty();
        projections.Should().OnlyContain(p => p.Lifecycle == ProjectionLifecycle.Inline,
            "an async projection needs a daemon leader per database, which is not built (docs/operations.md)");
    }
}
