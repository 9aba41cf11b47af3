using Microsoft.AspNetCore.Hosting;

namespace LeapMastery.Api.Tests.Infrastructure;

/// <summary>An API node on a given database: two in turn play a node that stopped and one that started (or a new release).</summary>
public sealed class NodeOnDatabase(string database, params (string Key, string Value)[] settings) : ApiFactory
{
    protected override Task<string> DatabaseAsync() => Task.FromResult(database);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
    }
}
