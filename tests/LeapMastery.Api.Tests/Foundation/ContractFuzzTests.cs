using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LeapMastery.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Npgsql;
using Xunit.Abstractions;

namespace LeapMastery.Api.Tests.Foundation;

/// <summary>The API with its background writers off, so that only the requests themselves can change what is stored.</summary>
public sealed class FuzzApiFactory : ApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Recomputations:Run", "false");
        builder.UseSetting("Webhooks:Dispatch", "false");
    }
}

/// <summary>
/// Hostile input, generated from the committed contract: for every route of openapi/leap-mastery.v1.json, requests with
/// nulls, wrong types, unknown properties, missing fields, huge and odd strings (NUL, lone surrogates, invalid UTF-8),
/// odd content types, garbage query and path values, and bodies on GETs. None may answer 5xx; every 4xx is a problem
/// body; a request answered 4xx writes nothing.
/// </summary>
public sealed class ContractFuzzTests(FuzzApiFactory api, ITestOutputHelper output) : IClassFixture<FuzzApiFactory>
{
    private const string Unknown = "fuzzUnknownProperty";

    /// <summary>Stands for a lone surrogate, which JSON text can carry as an escape but no .NET JSON writer emits.</summary>
    private const string LoneSurrogate = "LONESURROGATEHOLE";

    /// <param name="MustRefuse">The request can never be right (an unknown property, a NUL, a body that is not an object …): it must answer 4xx.</param>
    private sealed record Probe(string Method, string Path, string What, HttpContent? Content, bool MustRefuse = false);

    private static readonly string[] NeverRight =
        ["an unknown property", "unknown property beside it", "a NUL inside", "a lone surrogate", "body null", "body \"x\"", "body 42", "body true", "body empty"];

    [Fact]
    public async Task Malformed_requests_on_every_route_never_answer_5xx_always_answer_problems_and_write_nothing()
    {
        var s = await FrameworkSetup.CreateAsync(api);
        var evidence = await (await s.PostEvidenceAsync("fuzz-1", "A", "3")).ShouldBeOkJsonAsync(HttpStatusCode.Created);
        var ids = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["frameworkId"] = s.FrameworkId.ToString(),
            ["competencyId"] = s.Ids["A"].ToString(),
            ["evidenceId"] = evidence.GetProperty("evidenceId").GetString()!,
            ["learnerId"] = "fuzz-1",
            ["tenantId"] = s.Tenant.TenantId,
            ["groupId"] = "fuzz-group",
            ["periodId"] = "fuzz-period",
            ["clientId"] = s.Tenant.AdminClientId,
            ["issuerId"] = s.Tenant.TenantId,
        };
        using var op = await api.OperatorAsync();
        var contract = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(OpenApiContractTests.RepoRoot(), OpenApiContractTests.CommittedPath)))!;
        var schemas = contract["components"]!["schemas"]!.AsObject();

        var probes = new List<Probe>();
        foreach (var (path, item) in contract["paths"]!.AsObject())
        foreach (var (method, operation) in item!.AsObject())
        {
            if (method == "parameters" || path.StartsWith("/health", StringComparison.Ordinal)) continue;
            probes.AddRange(ProbesOf(method.ToUpperInvariant(), path, operation!, schemas, ids));
        }
        probes.Count.Should().BeGreaterThanOrEqualTo(1000, "the fuzz covers every route with many malformed requests");

        var fingerprint = await FingerprintQueryAsync();
        var failures = new List<string>();
        foreach (var probe in probes)
        {
            var http = probe.Path.StartsWith("/v1/tenants", StringComparison.Ordinal) ? op : s.Http;
            var before = await FingerprintAsync(fingerprint, s.Tenant.TenantId);
            using var request = new HttpRequestMessage(new HttpMethod(probe.Method), probe.Path) { Content = probe.Content };
            using var response = await http.SendAsync(request);
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync();
            var where = $"{probe.Method} {probe.Path} [{probe.What}] → {status}";
            if (status >= 500) failures.Add($"{where}: {Cut(body)}");
            else if (probe.MustRefuse && status < 400) failures.Add($"{where}: accepted what must be refused");
            else if (status >= 400)
            {
                var token = probe.Path == "/v1/oauth/token";
                var type = response.Content.Headers.ContentType?.MediaType;
                // The token endpoint answers OAuth's own errors (RFC 6749 §5.2); a body it cannot read at all is still a problem.
                if (!(type == "application/problem+json" || token && type == "application/json") || !IsJsonObject(body))
                    failures.Add($"{where}: not a problem body ({type}): {Cut(body)}");
                else if (await FingerprintAsync(fingerprint, s.Tenant.TenantId) != before)
                    failures.Add($"{where}: answered {status} but wrote");
            }
        }
        output.WriteLine($"{probes.Count} requests, {failures.Count} failures");
        foreach (var f in failures) output.WriteLine(f);
        failures.Should().BeEmpty($"{failures.Count} of {probes.Count} malformed requests were mishandled:\n{string.Join("\n", failures.Take(40))}");
    }

    private static IEnumerable<Probe> ProbesOf(string method, string template, JsonNode operation, JsonObject schemas, Dictionary<string, string> ids)
    {
        var parameters = operation["parameters"]?.AsArray().Select(p => p!).ToList() ?? [];
        var pathParams = parameters.Where(p => (string?)p["in"] == "path").ToList();
        var queryParams = parameters.Where(p => (string?)p["in"] == "query").ToList();
        string PathWith(string? name = null, string? value = null)
        {
            var path = template;
            foreach (var p in pathParams)
            {
                var n = (string)p["name"]!;
                var v = n == name ? value! : ids.GetValueOrDefault(n) ?? ((string?)p["schema"]?["format"] == "uuid" ? Guid.NewGuid().ToString() : "fuzz-" + n);
                path = path.Replace("{" + n + "}", n == name ? v : Uri.EscapeDataString(v));
            }
            return path;
        }

        // Odd path values, each path parameter in turn.
        foreach (var p in pathParams)
        foreach (var (what, value) in new[] { ("encoded NUL", "%2500"), ("long", new string('x', 600)), ("traversal", "..%2F..%2Fetc"), ("not a uuid", "not-a-guid"), ("unicode", "%F0%9F%98%80"), ("spaces", "%20%20") })
            yield return new Probe(method, PathWith((string)p["name"]!, value), $"path {p["name"]} {what}", method is "POST" or "PUT" ? Json("{}") : null);

        // Garbage query values, each query parameter in turn.
        foreach (var q in queryParams)
        foreach (var (what, value) in new[] { ("empty", ""), ("long", new string('z', 5000)), ("NUL", "%00"), ("negative", "-1"), ("huge number", "99999999999999999999999"),
                     ("not a date", "2026-13-45T99:00:00Z"), ("garbage cursor", Convert.ToBase64String(Encoding.UTF8.GetBytes(new string('q', 3000)))), ("bad base64", "%%%***"), ("repeated", "a&" + q["name"] + "=b") })
            yield return new Probe(method, $"{PathWith()}?{q["name"]}={value}", $"query {q["name"]} {what}", method is "POST" or "PUT" ? Json("{}") : null);

        var content = operation["requestBody"]?["content"]?.AsObject();
        if (content is null)
        {
            if (method is "GET" or "DELETE") yield return new Probe(method, PathWith(), "a body on a request that takes none", Json("{\"x\":[1,2,{\"y\":null}]}"));
            yield break;
        }
        if (content.ContainsKey("application/x-www-form-urlencoded"))
        {
            foreach (var (what, form) in new[]
                     {
                         ("empty", ""), ("huge secret", "grant_type=client_credentials&client_id=a&client_secret=" + new string('s', 20_000)),
                         ("NUL", "grant_type=client_credentials&client_id=a%00b&client_secret=c%00"), ("bad escapes", "grant_type=%zz&client_id=%"),
                         ("unknown grant", "grant_type=password&username=a&password=b"), ("repeated", "grant_type=client_credentials&grant_type=client_credentials&client_id=a&client_id=b"),
                         ("no grant", "client_id=a&client_secret=b"), ("lone surrogate", "grant_type=client_credentials&client_id=%ED%A0%80&client_secret=x"),
                     })
                yield return new Probe(method, PathWith(), $"form {what}", new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"));
            yield return new Probe(method, PathWith(), "form as json", Json("{\"grant_type\":\"client_credentials\"}"));
            yield break;
        }

        var schema = Resolve(content["application/json"]?["schema"], schemas);
        var sample = Sample(schema, schemas, ids, 0) ?? new JsonObject();
        var path2 = PathWith();
        foreach (var (what, text) in BodyMutations(sample, schema, schemas))
            yield return new Probe(method, path2, what, Json(text), NeverRight.Any(n => what.EndsWith(n, StringComparison.Ordinal)));

        var valid = sample.ToJsonString();
        yield return new Probe(method, path2, "no content type", new ByteArrayContent(Encoding.UTF8.GetBytes(valid)), MustRefuse: true);
        yield return new Probe(method, path2, "text/plain", new StringContent(valid, Encoding.UTF8, "text/plain"), MustRefuse: true);
        yield return new Probe(method, path2, "quoted charset", WithType(valid, "application/json; charset=\"utf-8\""));
        yield return new Probe(method, path2, "unknown charset", WithType(valid, "application/json; charset=klingon-8"), MustRefuse: true);
        yield return new Probe(method, path2, "latin-1 charset", WithType(valid, "application/json; charset=iso-8859-1"), MustRefuse: true);
        yield return new Probe(method, path2, "broken content type", WithType(valid, "application/json; ;;charset"), MustRefuse: true);
        yield return new Probe(method, path2, "invalid UTF-8", Bytes([.. Encoding.UTF8.GetBytes("{\"a\":\""), 0xC3, 0x28, 0xFF, .. Encoding.UTF8.GetBytes("\"}")]), MustRefuse: true);
        yield return new Probe(method, path2, "invalid UTF-8 in a valid body", Bytes(InvalidUtf8Inside(valid)), MustRefuse: true);
        yield return new Probe(method, path2, "UTF-8 BOM", Bytes([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(valid)]));
        yield return new Probe(method, path2, "deep nesting", Json(new string('[', 5000) + new string(']', 5000)), MustRefuse: true);
        yield return new Probe(method, path2, "truncated", Json(valid[..(valid.Length / 2)]), MustRefuse: true);
    }

    /// <summary>The ways a JSON body can be wrong: whole-body, and per property (null, wrong type, odd strings, null items, missing).</summary>
    private static IEnumerable<(string What, string Json)> BodyMutations(JsonNode sample, JsonNode? schema, JsonObject schemas)
    {
        foreach (var raw in new[] { "null", "[]", "\"x\"", "42", "true", "{}", "[null]", "" })
            yield return ($"body {(raw.Length == 0 ? "empty" : raw)}", raw);
        if (sample is not JsonObject root) yield break;

        var everyNull = new JsonObject();
        foreach (var (k, _) in root) everyNull[k] = null;
        yield return ("every field null", everyNull.ToJsonString());

        var unknown = (JsonObject)root.DeepClone();
        unknown[Unknown] = 1;
        yield return ("an unknown property", unknown.ToJsonString());

        foreach (var (target, label) in Targets(root))
        foreach (var (what, mutate) in Mutations(target))
        {
            var copy = (JsonObject)root.DeepClone();
            var (parent, key) = Locate(copy, label);
            if (parent is null) continue;
            mutate(parent, key);
            yield return ($"{label}: {what}", copy.ToJsonString());
        }
    }

    /// <summary>Every property of the root and of the first object in each nested object or array, as dotted labels.</summary>
    private static IEnumerable<(JsonNode? Value, string Label)> Targets(JsonObject root, string prefix = "", int depth = 0)
    {
        foreach (var (k, v) in root)
        {
            var label = prefix + k;
            yield return (v, label);
            if (depth >= 2) continue;
            if (v is JsonObject o) foreach (var t in Targets(o, label + ".", depth + 1)) yield return t;
            if (v is JsonArray { Count: > 0 } a && a[0] is JsonObject first) foreach (var t in Targets(first, label + "[0].", depth + 1)) yield return t;
        }
    }

    private static (JsonObject? Parent, string Key) Locate(JsonObject root, string label)
    {
        JsonNode? node = root;
        var parts = label.Split('.');
        for (var i = 0; i < parts.Length - 1; i++)
        {
            var part = parts[i];
            node = part.EndsWith("[0]", StringComparison.Ordinal) ? (node?[part[..^3]] as JsonArray)?[0] : node?[part];
        }
        return (node as JsonObject, parts[^1]);
    }

    private static IEnumerable<(string What, Action<JsonObject, string> Mutate)> Mutations(JsonNode? value)
    {
        yield return ("null", (p, k) => p[k] = null);
        yield return ("missing", (p, k) => p.Remove(k));
        yield return ("unknown property beside it", (p, _) => p[Unknown] = "x");
        switch (value)
        {
            case JsonArray:
                yield return ("[null]", (p, k) => p[k] = new JsonArray((JsonNode?)null));
                yield return ("an object", (p, k) => p[k] = new JsonObject());
                yield return ("10,000 items", (p, k) => p[k] = new JsonArray(Enumerable.Range(0, 10_000).Select(i => (JsonNode?)JsonValue.Create(i)).ToArray()));
                break;
            case JsonObject:
                yield return ("an array", (p, k) => p[k] = new JsonArray());
                yield return ("a string", (p, k) => p[k] = "x");
                break;
            default:
                var isString = value is JsonValue v && v.GetValueKind() == JsonValueKind.String;
                yield return (isString ? "a number" : "a string", (p, k) => p[k] = isString ? JsonValue.Create(12345) : JsonValue.Create("abc"));
                yield return ("an object", (p, k) => p[k] = new JsonObject { ["a"] = 1 });
                yield return ("a NUL inside", (p, k) => p[k] = "before\u0000after");
                yield return ("a lone surrogate", (p, k) => p[k] = LoneSurrogate);
                yield return ("64 kB", (p, k) => p[k] = new string('w', 65_536));
                yield return ("control characters", (p, k) => p[k] = "\u0001\u001b[31m\r\n\t=");
                yield return ("a huge number", (p, k) => p[k] = JsonValue.Create(1e308));
                yield return ("a negative number", (p, k) => p[k] = JsonValue.Create(-1));
                yield return ("true", (p, k) => p[k] = JsonValue.Create(true));
                break;
        }
    }

    private static JsonNode? Resolve(JsonNode? schema, JsonObject schemas)
    {
        for (var i = 0; i < 10 && schema?["$ref"] is { } r; i++) schema = schemas[((string)r!).Split('/')[^1]];
        if (schema?["allOf"] is JsonArray { Count: > 0 } all) return Resolve(all[0], schemas);
        if (schema?["oneOf"] is JsonArray { Count: > 0 } one) return Resolve(one[0], schemas);
        if (schema?["anyOf"] is JsonArray { Count: > 0 } any) return Resolve(any[0], schemas);
        return schema;
    }

    /// <summary>A plausible body from a schema: known ids where a property names one, the first enum value, a sample per format.</summary>
    private static JsonNode? Sample(JsonNode? schema, JsonObject schemas, Dictionary<string, string> ids, int depth, string? name = null)
    {
        schema = Resolve(schema, schemas);
        if (schema is null || depth > 6) return null;
        if (schema["enum"] is JsonArray { Count: > 0 } e) return e[0]!.DeepClone();
        var type = (string?)schema["type"] ?? (schema["properties"] is not null ? "object" : null);
        switch (type)
        {
            case "object":
                var o = new JsonObject();
                foreach (var (k, v) in schema["properties"]?.AsObject() ?? []) o[k] = Sample(v, schemas, ids, depth + 1, k);
                return o;
            case "array":
                return new JsonArray(Sample(schema["items"], schemas, ids, depth + 1, name is null ? null : name.TrimEnd('s') + "Id"));
            case "integer": return JsonValue.Create(1);
            case "number": return JsonValue.Create(1.5);
            case "boolean": return JsonValue.Create(true);
            case "string":
                if (name is not null && ids.TryGetValue(name, out var id)) return JsonValue.Create(id);
                return (string?)schema["format"] switch
                {
                    "uuid" => JsonValue.Create(Guid.NewGuid().ToString()),
                    "date-time" => JsonValue.Create("2026-03-01T14:30:00Z"),
                    "date" => JsonValue.Create("2026-03-01"),
                    "uri" => JsonValue.Create("https://example.org/fuzz"),
                    _ => JsonValue.Create(name is "url" or "artifactUrl" ? "https://example.org/fuzz" : "fuzz1"),
                };
            default: return JsonValue.Create("fuzz1");
        }
    }

    private static byte[] InvalidUtf8Inside(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json).ToList();
        var quote = bytes.IndexOf((byte)'"', bytes.IndexOf((byte)':') + 1);
        if (quote < 0) return [.. bytes, 0xFF];
        bytes.InsertRange(quote + 1, new byte[] { 0xED, 0xA0, 0x80, 0xC0, 0xAF });
        return [.. bytes];
    }

    private static HttpContent Json(string text)
    {
        // A lone surrogate cannot be written as UTF-8; it is sent as the escape a client would write.
        var content = new StringContent(text.Replace(LoneSurrogate, "\\ud800x"), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static HttpContent WithType(string text, string type)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.TryAddWithoutValidation("Content-Type", type);
        return content;
    }

    private static HttpContent Bytes(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static bool IsJsonObject(string body)
    {
        try { return JsonDocument.Parse(body).RootElement.ValueKind == JsonValueKind.Object; }
        catch (JsonException) { return false; }
    }

    private static string Cut(string s) => s.Length > 300 ? s[..300] + "…" : s;

    /// <summary>One statement that sums a tenant's rows and latest modification over the events and every document table.</summary>
    private async Task<string> FingerprintQueryAsync()
    {
        await using var conn = new NpgsqlConnection(api.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "select table_name from information_schema.columns where table_schema = 'leap' and column_name = 'tenant_id' and table_name like 'mt_doc_%'", conn);
        var tables = new List<string>();
        await using (var reader = await cmd.ExecuteReaderAsync()) while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        var parts = tables.Select(t => $"(select count(*)::text || '/' || coalesce(max(mt_last_modified)::text, '') from leap.\"{t}\" where tenant_id = @t)");
        return "select concat_ws('|', (select count(*)::text from leap.mt_events where tenant_id = @t), " + string.Join(", ", parts) + ")";
    }

    private async Task<string> FingerprintAsync(string sql, string tenantId)
    {
        await using var conn = new NpgsqlConnection(api.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        cmd.Parameters.AddWithValue("t", tenantId);
        return (string)(await cmd.ExecuteScalarAsync())!;
    }
}
