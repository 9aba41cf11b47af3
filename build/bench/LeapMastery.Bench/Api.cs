using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LeapMastery.Bench;

/// <summary>One HttpClient over SocketsHttpHandler for the whole run (HTTP/1.1, enough connections for every client).</summary>
public static class Http
{
    public static HttpClient Create(string baseUrl, int maxConnections, TimeSpan? timeout = null) =>
        new(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(64, maxConnections * 2),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = false,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        })
        {
            BaseAddress = new Uri(baseUrl + "/"),
            Timeout = timeout ?? TimeSpan.FromSeconds(60),
            DefaultRequestVersion = HttpVersion.Version11,
        };
}

/// <summary>
/// OAuth client-credentials tokens, fetched once and refreshed before they expire (15 minutes by default), so a long
/// seeding or measurement phase never runs on an expired token. Callers ask for the token per request.
/// </summary>
public sealed class TokenSource(HttpClient http, string clientId, string clientSecret)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile string? _token;
    private long _refreshAtTicks;

    public int Fetches { get; private set; }
    public int LifetimeSeconds { get; private set; }

    public async ValueTask<string> GetAsync(CancellationToken ct = default)
    {
        var token = _token;
        if (token is not null && DateTime.UtcNow.Ticks < Interlocked.Read(ref _refreshAtTicks)) return token;
        await _gate.WaitAsync(ct);
        try
        {
            if (_token is not null && DateTime.UtcNow.Ticks < Interlocked.Read(ref _refreshAtTicks)) return _token;
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = clientId,
                ["client_secret"] = clientSecret,
            });
            using var response = await http.PostAsync("v1/oauth/token", form, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"Token request for {clientId} failed: {(int)response.StatusCode} {body}");
            var json = JsonNode.Parse(body)!;
            var expiresIn = json["expires_in"]!.GetValue<int>();
            _token = json["access_token"]!.GetValue<string>();
            // Refresh a minute before expiry (at 75% of the lifetime for lifetimes under four minutes).
            var refreshIn = TimeSpan.FromSeconds(expiresIn >= 240 ? expiresIn - 60 : Math.Max(1, expiresIn * 0.75));
            Interlocked.Exchange(ref _refreshAtTicks, DateTime.UtcNow.Add(refreshIn).Ticks);
            Fetches++;
            LifetimeSeconds = expiresIn;
            return _token;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>After a 401: forget the token so the next call fetches a new one.</summary>
    public void Invalidate() => Interlocked.Exchange(ref _refreshAtTicks, 0);
}

/// <summary>The API calls the benchmark makes (result batches over their own client, with a longer timeout).</summary>
public sealed class LeapApi(HttpClient http, HttpClient? batchHttp = null)
{
    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    public HttpClient Http => http;
    public TokenSource? Tokens { get; set; }

    public async Task<(string ClientId, string ClientSecret)> CreateTenantAsync(TokenSource operatorTokens, string tenantId)
    {
        var body = JsonSerializer.Serialize(new { tenantId, name = "Benchmark district", timeZone = "America/Chicago" }, Json);
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/tenants") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await operatorTokens.GetAsync());
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"POST /v1/tenants: {(int)response.StatusCode} {text}");
        var admin = JsonNode.Parse(text)!["adminClient"]!;
        return (admin["clientId"]!.GetValue<string>(), admin["clientSecret"]!.GetValue<string>());
    }

    public async Task<JsonNode> CreateFrameworkAsync(string frameworkJson)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/frameworks") { Content = new StringContent(frameworkJson, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await Tokens!.GetAsync());
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"POST /v1/frameworks: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>PUT /v1/groups/{groupId}/members: a section's or school's whole member list.</summary>
    public async Task PutGroupAsync(string groupId, string kind, string title, IReadOnlyList<string> members)
    {
        var body = JsonSerializer.Serialize(new { kind, title, members }, Json);
        using var request = new HttpRequestMessage(HttpMethod.Put, $"v1/groups/{Uri.EscapeDataString(groupId)}/members")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await Tokens!.GetAsync());
        using var response = await http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"PUT /v1/groups/{groupId}/members: {(int)response.StatusCode} {Truncate(await response.Content.ReadAsStringAsync(), 300)}");
    }

    /// <summary>POST /v1/reporting-periods (local dates in the tenant's time zone); returns the period's id and whether it is closed.</summary>
    public async Task<(Guid PeriodId, bool Closed)> CreateReportingPeriodAsync(string code, string title, string startDate, string endDate)
    {
        var body = JsonSerializer.Serialize(new { code, title, startDate, endDate }, Json);
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/reporting-periods") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await Tokens!.GetAsync());
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"POST /v1/reporting-periods: {(int)response.StatusCode} {Truncate(text, 300)}");
        var json = JsonNode.Parse(text)!;
        return (json["periodId"]!.GetValue<Guid>(), json["closed"]?.GetValue<bool>() ?? false);
    }

    /// <summary>POST /v1/learners/{id}/evidence; ok on 201 (recorded) or 200 (idempotent replay).</summary>
    public async Task<Outcome> PostEvidenceAsync(string learnerId, string body, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"v1/learners/{learnerId}/evidence")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        return await SendAsync(request, static s => s is HttpStatusCode.Created or HttpStatusCode.OK, ct);
    }

    /// <summary>
    /// POST /v1/results/batches with a ready-made body (<c>{"items": [...]}</c>, UTF-8). Ok on 200 when no item failed or
    /// was held; the outcome's rows are the items stored (recorded, corrected or duplicate).
    /// </summary>
    public async Task<Outcome> PostResultBatchAsync(byte[] body, int items, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/results/batches") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await Tokens!.GetAsync(ct));
        try
        {
            using var response = await (batchHttp ?? http).SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                if (response.StatusCode == HttpStatusCode.Unauthorized) Tokens.Invalidate();
                return new Outcome(false, body.Length, $"{(int)response.StatusCode} {Truncate(text, 300)}");
            }
            var summary = JsonNode.Parse(text)!["summary"]!;
            int Count(string name) => summary[name]?.GetValue<int>() ?? 0;
            var stored = Count("recorded") + Count("corrected") + Count("duplicates");
            if (Count("failed") > 0 || Count("held") > 0 || stored != items)
            {
                var firstProblem = JsonNode.Parse(text)!["items"]!.AsArray().FirstOrDefault(i => i?["status"]?.GetValue<string>() == "failed")?["problem"]?.ToJsonString();
                return new Outcome(false, body.Length,
                    $"200 batch with {Count("failed")} failed, {Count("held")} held, {stored} of {items} stored{(firstProblem is null ? "" : $": {Truncate(firstProblem, 200)}")}");
            }
            return new Outcome(true, body.Length, null, stored);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            return new Outcome(false, 0, $"{ex.GetType().Name}: {Truncate(ex.Message, 200)}");
        }
    }

    /// <summary>GET /v1/learners/{id}/progress; the whole body is read (its size is reported).</summary>
    public async Task<Outcome> GetProgressAsync(string learnerId, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"v1/learners/{learnerId}/progress");
        return await SendAsync(request, static s => s == HttpStatusCode.OK, ct);
    }

    private async Task<Outcome> SendAsync(HttpRequestMessage request, Func<HttpStatusCode, bool> ok, CancellationToken ct)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await Tokens!.GetAsync(ct));
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
            var bytes = response.Content.Headers.ContentLength ?? (await response.Content.ReadAsByteArrayAsync(ct)).Length;
            if (ok(response.StatusCode)) return new Outcome(true, bytes, null);
            if (response.StatusCode == HttpStatusCode.Unauthorized) Tokens.Invalidate();
            var text = await response.Content.ReadAsStringAsync(ct);
            return new Outcome(false, bytes, $"{(int)response.StatusCode} {Truncate(text, 300)}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            return new Outcome(false, 0, $"{ex.GetType().Name}: {Truncate(ex.Message, 200)}");
        }
    }

    internal static string Truncate(string s, int max) => s.Length <= max ? s : s[..max] + "…";
}

/// <summary>
/// One operation's result: whether it counts as a success, the request's or response's size, why not, and how many rows
/// (results) it stored — 1 for a single request, the batch's items for a batch or a COPY.
/// </summary>
public readonly record struct Outcome(bool Ok, long Bytes, string? Error, long Rows = 1);
