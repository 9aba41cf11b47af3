using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using LeapMastery.Api.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace LeapMastery.Api.Tests.Foundation;

public sealed class AuthenticationTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task No_token_gets_401_problem_details()
    {
        using var http = api.CreateClient();
        var response = await http.GetAsync("/v1/frameworks");
        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Should().ContainSingle(h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task A_token_without_the_scope_gets_403_problem_details()
    {
        var tenant = await api.NewTenantAsync();
        using var reader = await tenant.WithScopesAsync("progress:read");
        var response = await reader.PostAsJsonAsync("/v1/frameworks", Samples.Framework());
        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await api.EventCountAsync(tenant.TenantId)).Should().Be(0);
    }

    [Fact]
    public async Task A_tenant_token_cannot_use_operator_routes()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = await tenant.AdminAsync();
        await (await admin.GetAsync("/v1/tenants")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_expired_token_gets_401()
    {
        var tenant = await api.NewTenantAsync();
        var past = DateTime.UtcNow.AddHours(-2);
        var token = Sign(tenant.TenantId, past, past.AddMinutes(15), ApiFactory.SigningKey);
        using var http = WithToken(token);
        await (await http.GetAsync("/v1/frameworks")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_tampered_token_gets_401()
    {
        var tenant = await api.NewTenantAsync();
        var token = await api.TokenAsync(tenant.AdminClientId, tenant.AdminSecret);
        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace(tenant.TenantId, "some-other-district");
        var forged = $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";
        using var http = WithToken(forged);
        await (await http.GetAsync("/v1/frameworks")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_gets_401()
    {
        var tenant = await api.NewTenantAsync();
        var now = DateTime.UtcNow;
        using var http = WithToken(Sign(tenant.TenantId, now, now.AddMinutes(5), "another-signing-key-0123456789-abcdefghijklmnop"));
        await (await http.GetAsync("/v1/frameworks")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_wrong_client_secret_is_invalid_client_per_RFC_6749()
    {
        var tenant = await api.NewTenantAsync();
        using var http = api.CreateClient();
        var response = await http.PostAsync("/v1/oauth/token", Form(("grant_type", "client_credentials"), ("client_id", tenant.AdminClientId), ("client_secret", "wrong")));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("error").GetString().Should().Be("invalid_client");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
    }

    [Fact]
    public async Task A_wrong_secret_in_HTTP_Basic_gets_401_invalid_client_with_a_challenge()
    {
        var tenant = await api.NewTenantAsync();
        using var http = api.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/oauth/token") { Content = Form(("grant_type", "client_credentials")) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{tenant.AdminClientId}:nope")));
        var response = await http.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Should().ContainSingle(h => h.Scheme == "Basic");
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString().Should().Be("invalid_client");
    }

    [Fact]
    public async Task HTTP_Basic_client_authentication_works()
    {
        var tenant = await api.NewTenantAsync();
        using var http = api.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/oauth/token") { Content = Form(("grant_type", "client_credentials"), ("scope", "progress:read")) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{tenant.AdminClientId}:{tenant.AdminSecret}")));
        var body = await (await http.SendAsync(request)).ShouldBeOkJsonAsync();
        body.GetProperty("token_type").GetString().Should().Be("Bearer");
        body.GetProperty("scope").GetString().Should().Be("progress:read");
        body.GetProperty("expires_in").GetInt32().Should().BeInRange(60, 3600);
    }

    [Theory]
    [InlineData("password", "unsupported_grant_type")]
    [InlineData("", "invalid_request")]
    public async Task Token_request_errors_follow_RFC_6749(string grantType, string error)
    {
        var tenant = await api.NewTenantAsync();
        using var http = api.CreateClient();
        var response = await http.PostAsync("/v1/oauth/token", Form(("grant_type", grantType), ("client_id", tenant.AdminClientId), ("client_secret", tenant.AdminSecret)));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString().Should().Be(error);
    }

    [Fact]
    public async Task A_scope_the_client_does_not_hold_is_invalid_scope()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = await tenant.AdminAsync();
        var created = await (await admin.PostAsJsonAsync("/v1/admin/clients", new { name = "LMS", scopes = new[] { "evidence:write" } }))
            .ShouldBeOkJsonAsync(HttpStatusCode.Created);
        using var http = api.CreateClient();
        var response = await http.PostAsync("/v1/oauth/token", Form(("grant_type", "client_credentials"),
            ("client_id", created.GetProperty("clientId").GetString()!), ("client_secret", created.GetProperty("clientSecret").GetString()!), ("scope", "admin")));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString().Should().Be("invalid_scope");
    }

    [Fact]
    public async Task Secrets_are_never_stored_or_logged_in_clear()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = await tenant.AdminAsync();
        var created = await (await admin.PostAsJsonAsync("/v1/admin/clients", new { name = "SIS", scopes = new[] { "reportcards:read" } }))
            .ShouldBeOkJsonAsync(HttpStatusCode.Created);
        var secret = created.GetProperty("clientSecret").GetString()!;
        (await api.TokenAsync(created.GetProperty("clientId").GetString()!, secret)).Should().NotBeNullOrEmpty();
        await api.CreateClient().PostAsync("/v1/oauth/token", Form(("grant_type", "client_credentials"), ("client_id", tenant.AdminClientId), ("client_secret", "wrong-" + secret)));

        await using var conn = new NpgsqlConnection(api.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("select data::text from leap.mt_doc_apiclient", conn);
        var stored = new List<string>();
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync()) stored.Add(reader.GetString(0));
        stored.Should().NotBeEmpty();
        stored.Should().NotContain(s => s.Contains(secret) || s.Contains(tenant.AdminSecret));
        api.Logs.Should().NotContain(l => l.Contains(secret) || l.Contains(tenant.AdminSecret));

        var listed = await (await admin.GetAsync("/v1/admin/clients")).Content.ReadAsStringAsync();
        listed.Should().NotContain(secret).And.NotContain("secretHash");
    }

    [Fact]
    public async Task A_revoked_client_can_no_longer_get_tokens()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = await tenant.AdminAsync();
        var created = await (await admin.PostAsJsonAsync("/v1/admin/clients", new { name = "Old LMS", scopes = new[] { "evidence:write" } }))
            .ShouldBeOkJsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("clientId").GetString()!;
        (await admin.DeleteAsync($"/v1/admin/clients/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var response = await api.CreateClient().PostAsync("/v1/oauth/token", Form(("grant_type", "client_credentials"), ("client_id", id), ("client_secret", created.GetProperty("clientSecret").GetString()!)));
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString().Should().Be("invalid_client");
    }

    [Fact]
    public async Task A_revoked_clients_issued_tokens_stop_reading_and_writing_at_once()
    {
        var s = await FrameworkSetup.CreateAsync(api);
        var created = await (await s.Http.PostAsJsonAsync("/v1/admin/clients", new { name = "Old LMS", scopes = new[] { "evidence:write", "progress:read" } }))
            .ShouldBeOkJsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("clientId").GetString()!;
        using var lms = await api.ClientAsync(id, created.GetProperty("clientSecret").GetString()!);
        (await lms.GetAsync("/v1/learners/rv-1/progress")).StatusCode.Should().Be(HttpStatusCode.OK);

        (await s.Http.DeleteAsync($"/v1/admin/clients/{id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await (await lms.GetAsync("/v1/learners/rv-1/progress")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        var before = await api.EventCountAsync(s.Tenant.TenantId);
        await (await lms.PostAsJsonAsync("/v1/learners/rv-1/evidence", new
        {
            sourceSystem = "lms", sourceId = "late", modality = "assessment", occurredAt = "2026-03-01T14:30:00Z",
            alignments = new[] { new { competencyId = s.Ids["A"], level = "3" } },
        })).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        (await api.EventCountAsync(s.Tenant.TenantId)).Should().Be(before);
    }

    [Fact]
    public async Task A_revocation_made_elsewhere_takes_effect_within_the_check_interval()
    {
        var tenant = await api.NewTenantAsync();
        using var admin = await tenant.AdminAsync();
        var created = await (await admin.PostAsJsonAsync("/v1/admin/clients", new { name = "Other node", scopes = new[] { "progress:read" } }))
            .ShouldBeOkJsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("clientId").GetString()!;
        using var client = await api.ClientAsync(id, created.GetProperty("clientSecret").GetString()!);
        (await client.GetAsync("/v1/frameworks")).StatusCode.Should().Be(HttpStatusCode.OK);

        // As another API node would: the revocation is in the database, not in this node's memory.
        await Database.ExecuteAsync(api.ConnectionString, "update leap.mt_doc_apiclient set data = jsonb_set(data, '{revoked}', 'true') where id = @id", ("id", id));
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // the tests' Auth:RevocationCheckSeconds is 1
        await (await client.GetAsync("/v1/frameworks")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Health_and_the_token_endpoint_need_no_token()
    {
        using var http = api.CreateClient();
        (await http.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);
        // Ready once the schema is applied at start-up (this test may be the first to reach a fresh node).
        var ready = HttpStatusCode.ServiceUnavailable;
        for (var i = 0; i < 300 && ready != HttpStatusCode.OK; i++)
        {
            if (i > 0) await Task.Delay(100);
            ready = (await http.GetAsync("/health/ready")).StatusCode;
        }
        ready.Should().Be(HttpStatusCode.OK);
        (await http.GetAsync("/openapi/v1.json")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private HttpClient WithToken(string token)
    {
        var http = api.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static string Sign(string tenantId, DateTime notBefore, DateTime expires, string key) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim("client_id", "x"), new Claim("tenant", tenantId), new Claim("scope", "progress:read frameworks:write")]),
            Issuer = "leap-mastery",
            Audience = "leap-mastery-api",
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
}
