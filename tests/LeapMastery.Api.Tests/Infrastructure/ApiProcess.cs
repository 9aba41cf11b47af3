using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace LeapMastery.Api.Tests.Infrastructure;

/// <summary>
/// The API as a real process (<c>dotnet LeapMastery.Api.dll</c>, the build beside the tests) on a loopback port: a node
/// of an install, which a test can stop as a crash would (SIGKILL: no graceful shutdown, its connections just drop).
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;
    public ConcurrentQueue<string> Output { get; } = new();
    public string Name { get; }
    public Uri BaseAddress { get; }

    private ApiProcess(string name, Process process, Uri baseAddress)
    {
        Name = name;
        _process = process;
        BaseAddress = baseAddress;
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts a node with the test settings of <see cref="ApiFactory"/> and the given ones, and waits until it is ready.</summary>
    public static async Task<ApiProcess> StartAsync(string name, string connectionString, params (string Key, string Value)[] settings)
    {
        var port = FreePort();
        var dir = AppContext.BaseDirectory;
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = dir,
        };
        foreach (var a in new[] { Path.Combine(dir, "LeapMastery.Api.dll"), "--urls", $"http://127.0.0.1:{port}", "--contentRoot", dir })
            psi.ArgumentList.Add(a);
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        var all = new Dictionary<string, string>
        {
            ["ConnectionStrings:Postgres"] = connectionString,
            ["Auth:SigningKey"] = ApiFactory.SigningKey,
            ["Auth:OperatorClientId"] = ApiFactory.OperatorClientId,
            ["Auth:OperatorClientSecret"] = ApiFactory.OperatorSecret,
            ["RateLimits:Enabled"] = "false",
            ["Demo:Seed"] = "false",
            ["Webhooks:AllowInsecureLoopback"] = "true",
            ["Webhooks:PollInterval"] = "00:00:00.200",
            ["Webhooks:RetryDelay"] = "00:00:00.020",
            ["Webhooks:Timeout"] = "00:00:02",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings) all[key] = value;
        foreach (var (key, value) in all) psi.Environment["LEAPMASTERY_" + key.Replace(":", "__")] = value;

        var process = Process.Start(psi) ?? throw new InvalidOperationException("dotnet did not start");
        var node = new ApiProcess(name, process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) node.Output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) node.Output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await node.WaitReadyAsync(TimeSpan.FromSeconds(90));
        return node;
    }

    private async Task WaitReadyAsync(TimeSpan within)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) break;
            try
            {
                if ((await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // slow start
            }
            await Task.Delay(200);
        }
        throw new InvalidOperationException($"Node {Name} did not become ready:\n{string.Join('\n', Output)}");
    }

    /// <summary>An HTTP client on this node with a token for the given client (the token is taken from this node).</summary>
    public async Task<HttpClient> ClientAsync(string clientId, string secret)
    {
        var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var response = await http.PostAsync("/v1/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret,
        }));
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>Stops the node as a crash would: SIGKILL, nothing flushed, nothing handed over.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
