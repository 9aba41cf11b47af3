using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using LeapMastery.Api.Tests.Infrastructure;

namespace LeapMastery.Api.Tests.Foundation;

/// <summary>Each class of hostile input that once answered 500 or was stored: now a 4xx problem naming the field, writing nothing.</summary>
public sealed class HostileInputTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static HttpContent Json(string text, string contentType = "application/json")
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    private static string Evidence(Guid competency, string extra = "", string sourceId = "\"r-1\"", string alignments = "") =>
        $$"""{"sourceSystem":"lms","sourceId":{{sourceId}},"modality":"assessment","occurredAt":"2026-03-01T14:30:00Z","alignments":{{(alignments.Length > 0 ? alignments : $"[{{\"competencyId\":\"{competency}\",\"level\":\"3\"}}]")}}{{extra}}}""";

    private async Task<IReadOnlyList<string>> RefusedAsync(FrameworkSetup s, string body, HttpStatusCode status = HttpStatusCode.BadRequest, string contentType = "application/json")
    {
        var before = await api.EventCountAsync(s.Tenant.TenantId);
        var response = await s.Http.PostAsync("/v1/learners/h-1/evidence", Json(body, contentType));
        var problem = await response.ShouldBeProblemAsync(status);
        (await api.EventCountAsync(s.Tenant.TenantId)).Should().Be(before, "a refused request writes nothing");
        return problem.TryGetProperty("errors", out _) ? problem.FieldErrors() : [];
    }

    [Fact]
    public async Task A_null_body_null_fields_and_null_list_items_are_400s_naming_the_field()
    {
        var s = await FrameworkSetup.CreateAsync(api);
        await RefusedAsync(s, "null");
        (await RefusedAsync(s, Evidence(s.Ids["A"], alignments: "null"))).Should().Contain("alignments");
        (await RefusedAsync(s, Evidence(s.Ids["A"], alignments: "[null]"))).Should().Contain("alignments");
        (await RefusedAsync(s, """{"sourceSystem":null,"sourceId":null,"modality":null,"occurredAt":null,"alignments":null,"feedback":null,"artifactUrl":null,"actor":null}""")).Should().NotBeEmpty();
        (await s.Http.PutAsync("/v1/groups/sec-h/members", Json("""{"members":null}"""))).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var items = await (await s.Http.PutAsync("/v1/groups/sec-h/members", Json("""{"members":["a",null]}"""))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        items.FieldErrors().Should().Contain("members");
    }

    [Fact]
    public async Task NUL_characters_unpaired_surrogates_and_invalid_UTF8_are_refused_with_the_field()
    {
        var s = await FrameworkSetup.CreateAsync(api);
        (await RefusedAsync(s, Evidence(s.Ids["A"], sourceId: "\"a\\u0000b\""))).Should().Contain("sourceId");
        (await RefusedAsync(s, Evidence(s.Ids["A"], sourceId: "\"\\ud800\""))).Should().Contain("sourceId");
        var before = await api.EventCountAsync(s.Tenant.TenantId);
        var bytes = Encoding.UTF8.GetBytes(Evidence(s.Ids["A"], sourceId: "\"XX\"")).ToList();
        var at = bytes.IndexOf((byte)'X');
        bytes[at] = 0xC3; bytes[at + 1] = 0x28;
        var content = new ByteArrayContent([.. bytes]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        await (await s.Http.PostAsync("/v1/learners/h-1/evidence", content)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        // A standard payload read as a JSON tree is held to the same rule.
        await (await s.Http.PostAsync("/v1/xapi/statements", Json("""{"actor":{"account":{"homePage":"https://lms","name":"a\u0000b"}}}""")))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await s.Http.PostAsync("/v1/oneroster/assessment-results", Json("42"))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await api.EventCountAsync(s.Tenant.TenantId)).Should().Be(before);
    }

    [Fact]
    public async Task Unknown_properties_are_refused_by_name_anywhere_in_the_body()
    {
        var s = await FrameworkSetup.CreateAsync(api);
        (await RefusedAsync(s, Evidence(s.Ids["A"], extra: ",\"scoore\":3"))).Should().Contain("scoore");
        (await RefusedAsync(s, Evidence(s.Ids["A"], alignments: $"[{{\"competencyId\":\"{s.Ids["A"]}\",\"levle\":\"3\"}}]"))).Should().Contain(e => e.Contains("levle"));
    }

    [Fact]
    public async Task Required_fields_are_required_not_defaulted()
    {
        var s = await FrameworkSetup.CreateAsync(api);
        var noKind = await (await s.Http.PostAsJsonAsync("/v1/recognitions", new { code = "b-1", name = "Badge", description = "d",
            criteria = new { kind = "competencyMastered", competencyId = s.Ids["A"] } })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        noKind.FieldErrors().Should().Contain("kind");
        var criteriaWithoutKind = await (await s.Http.PostAsJsonAsync("/v1/recognitions", new { code = "b-2", name = "Badge", description = "d", kind = "badge",
            criteria = new { competencyId = s.Ids["A"] } })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        criteriaWithoutKind.FieldErrors().Should().Contain(e => e.StartsWith("criteria", StringComparison.Ordinal));

        var quiz = await (await s.Http.PostAsJsonAsync("/v1/assessments", new
        {
            code = "q-h", title = "Quiz", frameworkId = s.FrameworkId, sections = new[] { new { code = "s-a", competencyId = s.Ids["A"], maxPoints = 10 } },
        })).ShouldBeOkJsonAsync(HttpStatusCode.Created);
        var attempt = await (await s.Http.PostAsJsonAsync("/v1/learners/h-2/attempts", new { assessmentId = quiz.GetProperty("assessmentId").GetGuid() }))
            .ShouldBeOkJsonAsync(HttpStatusCode.Created);
        var before = await api.EventCountAsync(s.Tenant.TenantId);
        var noPoints = await (await s.Http.PostAsJsonAsync($"/v1/learners/h-2/attempts/{attempt.GetProperty("attemptId").GetGuid()}/score",
            new { sections = new[] { new { sectionCode = "s-a" } } })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        noPoints.FieldErrors().Should().Contain(e => e.Contains("points"));
        (await api.EventCountAsync(s.Tenant.TenantId)).Should().Be(before);
    }

    [Theory]
    [InlineData("application/json; charset=\"utf-8\"", HttpStatusCode.Created)]
    [InlineData("application/json; charset=UTF-8", HttpStatusCode.Created)]
    [InlineData("application/json; charset=klingon-8", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("application/json; charset=iso-8859-1", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("application/json; ;;charset", HttpStatusCode.UnsupportedMediaType)]
    public async Task A_quoted_utf8_charset_is_accepted_and_any_other_charset_is_a_415_problem(string contentType, HttpStatusCode status)
    {
        var s = await FrameworkSetup.CreateAsync(api);
        var response = await s.Http.PostAsync("/v1/learners/h-3/evidence", Json(Evidence(s.Ids["A"], sourceId: $"\"{Guid.NewGuid()}\""), contentType));
        if (status == HttpStatusCode.Created) response.StatusCode.Should().Be(status, await response.Content.ReadAsStringAsync());
        else await response.ShouldBeProblemAsync(status);
    }

    [Fact]
    public async Task A_body_without_a_content_type_is_a_415_problem_with_a_body()
    {
        var s = await FrameworkSetup.CreateAsync(api);
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Evidence(s.Ids["A"])));
        var problem = await (await s.Http.PostAsync("/v1/learners/h-4/evidence", content)).ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
        problem.GetProperty("detail").GetString().Should().Contain("Content-Type");
    }

    [Theory]
    [InlineData("text/csv")]
    [InlineData("text/html")]
    [InlineData("image/png")]
    public async Task A_401_and_a_403_are_problem_bodies_whatever_the_Accept(string accept)
    {
        var s = await FrameworkSetup.CreateAsync(api);
        using var anonymous = api.CreateClient();
        using var unauthenticated = new HttpRequestMessage(HttpMethod.Get, "/v1/frameworks");
        unauthenticated.Headers.Accept.ParseAdd(accept);
        (await (await anonymous.SendAsync(unauthenticated)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized)).GetProperty("status").GetInt32().Should().Be(401);

        using var narrow = await s.Tenant.WithScopesAsync("progress:read");
        using var forbidden = new HttpRequestMessage(HttpMethod.Get, "/v1/webhooks");
        forbidden.Headers.Accept.ParseAdd(accept);
        await (await narrow.SendAsync(forbidden)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_token_endpoint_refuses_a_huge_secret_and_NUL_characters_as_OAuth_errors()
    {
        using var http = api.CreateClient();
        foreach (var form in new[]
                 {
                     "grant_type=client_credentials&client_id=a&client_secret=" + new string('s', 20_000),
                     "grant_type=client_credentials&client_id=a%00b&client_secret=c",
                     "grant_type=client_credentials&client_id=a&client_secret=" + new string('s', 5_000),
                 })
        {
            var response = await http.PostAsync("/v1/oauth/token", new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded"));
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("error").GetString().Should().Be("invalid_request");
        }
    }

    [Fact]
    public async Task A_garbage_cursor_and_a_GET_with_a_body_are_4xx_or_ignored_never_5xx()
    {
        var s = await FrameworkSetup.CreateAsync(api);
        var cursor = Convert.ToBase64String(Encoding.UTF8.GetBytes(new string('q', 4000)));
        (await (await s.Http.GetAsync($"/v1/frameworks?cursor={cursor}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors().Should().Contain("cursor");
        await (await s.Http.GetAsync($"/v1/learners/h-5/evidence?cursor=%25%25%25")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        using var get = new HttpRequestMessage(HttpMethod.Get, "/v1/frameworks") { Content = Json("{\"x\":[1,{\"y\":null}]}") };
        ((int)(await s.Http.SendAsync(get)).StatusCode).Should().BeLessThan(500);
    }

    [Theory]
    [InlineData("""{"actor":"someone","verb":{"id":"http://adlnet.gov/expapi/verbs/scored"},"object":{"id":"https://lms/x"},"result":{"score":{"scaled":0.5}}}""")]
    [InlineData("""{"actor":{"account":[]},"verb":{"id":"v"},"object":{"id":"o"}}""")]
    [InlineData("""{"actor":{"account":{"homePage":7,"name":{"a":1}}},"verb":"scored","object":"o","result":{"score":"high"}}""")]
    [InlineData("""{"actor":{"objectType":"Group","member":[null,{"account":null}]},"verb":{"id":null},"object":{"id":["x"]},"timestamp":12}""")]
    [InlineData("""[1, "two", null, [], {"actor":null}]""")]
    [InlineData("""{"statements":[{"actor":{"account":{"name":"l-1","homePage":"https://lms"}},"result":{"score":{"scaled":"NaN","raw":1e400}}}]}""")]
    public async Task Xapi_statements_of_an_unexpected_shape_are_refused_item_by_item_never_with_a_5xx(string body)
    {
        var s = await FrameworkSetup.CreateAsync(api);
        var before = await api.EventCountAsync(s.Tenant.TenantId);
        var response = await s.Http.PostAsync("/v1/xapi/statements", Json(body));
        ((int)response.StatusCode).Should().BeLessThan(500, await response.Content.ReadAsStringAsync());
        if ((int)response.StatusCode >= 400) await response.ShouldBeProblemAsync(response.StatusCode);
        else
        {
            var summary = (await response.ShouldBeOkJsonAsync()).GetProperty("summary");
            summary.GetProperty("recorded").GetInt32().Should().Be(0);
            summary.GetProperty("failed").GetInt32().Should().Be(summary.GetProperty("received").GetInt32(), "each malformed statement fails with its field errors");
        }
        (await api.EventCountAsync(s.Tenant.TenantId)).Should().Be(before);
    }

    [Fact]
    public async Task A_CASE_package_with_a_NUL_or_an_unpaired_surrogate_is_refused_in_either_form()
    {
        var s = await FrameworkSetup.CreateAsync(api);
        var before = await api.EventCountAsync(s.Tenant.TenantId);
        const string bare = """{"CFDocument":{"identifier":"d0c00000-0000-4000-8000-000000000001","title":"Bad\u0000title","lastChangeDateTime":"2025-01-01T00:00:00Z"},"CFItems":[],"CFAssociations":[]}""";
        (await (await s.Http.PostAsync("/v1/frameworks/case-packages", Json(bare))).ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors()
            .Should().Contain("CFDocument.title");
        var wrapped = "{\"package\":" + bare.Replace("Bad\\u0000title", "\\ud800") + "}";
        (await (await s.Http.PostAsync("/v1/frameworks/case-packages", Json(wrapped))).ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors()
            .Should().Contain("package.CFDocument.title");
        (await api.EventCountAsync(s.Tenant.TenantId)).Should().Be(before);
    }
}
