using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace LeapMastery.Api.Tests.Infrastructure;

/// <summary>
/// The real API (the real pipeline: auth, FastEndpoints, Marten) on its own PostgreSQL database, one per test class.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string SigningKey = "test-signing-key-0123456789-abcdefghijklmnopqrstuvwxyz";
    public const string OperatorClientId = "test-operator";
    public const string OperatorSecret = "test-operator-secret";

    private string? _connectionString;

    /// <summary>Every log line the API wrote (to prove secrets never reach the logs).</summary>
    public ConcurrentQueue<string> Logs { get; } = new();

    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("Not initialized.");

    protected virtual Task<string> DatabaseAsync() => PostgresServer.GetAsync().ContinueWith(t => t.Result.CreateDatabaseAsync()).Unwrap();

    public async Task InitializeAsync()
    {
        _connectionString = await DatabaseAsync();
        _ = Server; // start the host now, so the first test does not pay for it
    }

    public new async Task DisposeAsync() => await base.DisposeAsync();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Postgres", ConnectionString);
        builder.UseSetting("Auth:SigningKey", SigningKey);
        builder.UseSetting("Auth:OperatorClientId", OperatorClientId);
        builder.UseSetting("Auth:OperatorClientSecret", OperatorSecret);
        builder.UseSetting("Auth:RevocationCheckSeconds", "1");
        builder.UseSetting("RateLimits:Enabled", "false"); // on only where a test turns it on (RateLimitTests)
        builder.UseSetting("Marten:RunDaemon", "false");
        builder.UseSetting("Demo:Seed", "false");
        // Webhooks: a loopback receiver in the tests, and short delays so retries happen within a test.
        builder.UseSetting("Webhooks:AllowInsecureLoopback", "true");
        builder.UseSetting("Webhooks:PollInterval", "00:00:00.200");
        builder.UseSetting("Webhooks:RetryDelay", "00:00:00.020");
        builder.UseSetting("Webhooks:MaxAttempts", "6");
        builder.UseSetting("Webhooks:Timeout", "00:00:02");
        builder.ConfigureLogging(l => l.AddProvider(new CapturingLoggerProvider(Logs)));
    }

    /// <summary>An HTTP client with a token for the given client credentials (all its scopes unless some are named).</summary>
    public async Task<HttpClient> ClientAsync(string clientId, string secret, params string[] scopes)
    {
        var token = await TokenAsync(clientId, secret, scopes);
        var http = CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public async Task<string> TokenAsync(string clientId, string secret, params string[] scopes)
    {
        using var http = CreateClient();
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
        };
        if (scopes.Length > 0) form["scope"] = string.Join(' ', scopes);
        var response = await http.PostAsync("/v1/oauth/token", new FormUrlEncodedContent(form));
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return body.GetProperty("access_token").GetString()!;
    }

    public Task<HttpClient> OperatorAsync() => ClientAsync(OperatorClientId, OperatorSecret);

    /// <summary>Creates a new tenant through the operator API; each test uses its own tenants, so tests never see each other's data.</summary>
    public async Task<TestTenant> NewTenantAsync(string? prefix = null)
    {
        using var op = await OperatorAsync();
        var id = $"{prefix ?? "district"}-{Guid.NewGuid().ToString("N")[..10]}";
        var response = await op.PostAsJsonAsync("/v1/tenants", new { tenantId = id, name = "District " + id, timeZone = "America/Chicago" });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var admin = body.GetProperty("adminClient");
        return new TestTenant(this, id, admin.GetProperty("clientId").GetString()!, admin.GetProperty("clientSecret").GetString()!);
    }
}

public sealed record TestTenant(ApiFactory Factory, string TenantId, string AdminClientId, string AdminSecret)
{
    /// <summary>A client of this tenant holding every tenant scope.</summary>
    public Task<HttpClient> AdminAsync() => Factory.ClientAsync(AdminClientId, AdminSecret);

    /// <summary>A client of this tenant whose token carries only the named scopes.</summary>
    public Task<HttpClient> WithScopesAsync(params string[] scopes) => Factory.ClientAsync(AdminClientId, AdminSecret, scopes);
}

internal sealed class CapturingLoggerProvider(ConcurrentQueue<string> sink) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, sink);
    public void Dispose() { }

    private sealed class CapturingLogger(string category, ConcurrentQueue<string> sink) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Enqueue($"{category}: {formatter(state, exception)} {exception}");
    }
}
