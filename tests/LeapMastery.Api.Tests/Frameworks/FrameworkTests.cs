using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using LeapMastery.Api.Tests.Infrastructure;

namespace LeapMastery.Api.Tests.Frameworks;

public sealed class FrameworkTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Creating_a_framework_answers_201_with_location_and_it_reads_back()
    {
        var tenant = await api.NewTenantAsync();
        using var http = await tenant.AdminAsync();
        var response = await http.PostAsJsonAsync("/v1/frameworks", Samples.Framework());
        var created = await response.ShouldBeOkJsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("frameworkId").GetGuid();
        response.Headers.Location!.ToString().Should().EndWith($"/v1/frameworks/{id}");
        response.Headers.ETag!.Tag.Should().Be("\"v1\"");

        var read = await (await http.GetAsync(response.Headers.Location)).ShouldBeOkJsonAsync();
        read.GetProperty("code").GetString().Should().Be("math-fractions");
        read.GetProperty("competencies").GetArrayLength().Should().Be(6);
        read.GetProperty("policy").GetProperty("method").GetString().Should().Be("mostRecent");
        read.GetProperty("competencies")[0].GetProperty("kind").GetString().Should().Be("domain");
        read.GetProperty("progressions")[0].GetProperty("steps").EnumerateArray().Select(s => s.GetString()).Should().Equal("A", "B", "C", "D");
        read.GetProperty("createdAt").GetString().Should().MatchRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$");
    }

    [Fact]
    public async Task A_duplicate_code_in_the_tenant_is_a_conflict()
    {
        var tenant = await api.NewTenantAsync();
        using var http = await tenant.AdminAsync();
        (await http.PostAsJsonAsync("/v1/frameworks", Samples.Framework("dup"))).StatusCode.Should().Be(HttpStatusCode.Created);
        await (await http.PostAsJsonAsync("/v1/frameworks", Samples.Framework("dup"))).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await api.EventCountAsync(tenant.TenantId)).Should().Be(1);
    }

    [Fact]
    public async Task A_cycle_in_prerequisites_is_rejected_naming_it()
    {
        var tenant = await api.NewTenantAsync();
        using var http = await tenant.AdminAsync();
        var body = Samples.Framework();
        body["prerequisites"] = new object[]
        {
            new { competencyCode = "B", requiresCode = "A" },
            new { competencyCode = "C", requiresCode = "B" },
            new { competencyCode = "A", requiresCode = "C" },
        };
        var problem = await (await http.PostAsJsonAsync("/v1/frameworks", body)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var error = problem.GetProperty("errors").EnumerateArray().Single(e => e.GetProperty("name").GetString() == "prerequisites");
        error.GetProperty("reason").GetString().Should().Contain("cycle").And.Contain("A").And.Contain("B").And.Contain("C");
        (await api.EventCountAsync(tenant.TenantId)).Should().Be(0);
    }

    [Theory]
    [InlineData("parentCode")]
    [InlineData("step")]
    [InlineData("method")]
    [InlineData("scale")]
    public async Task Broken_references_and_rules_are_field_errors(string broken)
    {
        var tenant = await api.NewTenantAsync();
        using var http = await tenant.AdminAsync();
        var body = Samples.Framework();
        string expectedField;
        switch (broken)
        {
            case "parentCode":
                body["competencies"] = new object[] { new { code = "A", statement = "x", kind = "competency", parentCode = "NOPE" } };
                body["prerequisites"] = Array.Empty<object>(); body["progressions"] = Array.Empty<object>(); body["extensions"] = Array.Empty<object>();
                expectedField = "competencies[0].parentCode";
                break;
            case "step":
                body["progressions"] = new object[] { new { code = "p", title = "P", steps = new[] { "A", "ZZZ" } } };
                expectedField = "progressions[0].steps[1]";
                break;
            case "method":
                body["policy"] = new { method = "vibes", parameters = new { } };
                expectedField = "policy.method";
                break;
            default:
                body["scale"] = new { minPoints = 0, maxPoints = 4, masteryThreshold = 9, levels = new[] { new { code = "1", label = "One", minScore = 0 }, new { code = "2", label = "Two", minScore = 2 } } };
                expectedField = "scale.masteryThreshold";
                break;
        }
        var problem = await (await http.PostAsJsonAsync("/v1/frameworks", body)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.FieldErrors().Should().Contain(expectedField);
        (await api.EventCountAsync(tenant.TenantId)).Should().Be(0);
    }

    [Fact]
    public async Task Revising_makes_a_new_version_and_keeps_competency_ids()
    {
        var tenant = await api.NewTenantAsync();
        using var http = await tenant.AdminAsync();
        var created = await (await http.PostAsJsonAsync("/v1/frameworks", Samples.Framework())).ShouldBeOkJsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("frameworkId").GetGuid();
        var idOfA = created.GetProperty("competencies").EnumerateArray().Single(c => c.GetProperty("code").GetString() == "A").GetProperty("competencyId").GetGuid();

        var revised = Samples.Framework();
        revised["title"] = "Fractions (revised)";
        var put = new HttpRequestMessage(HttpMethod.Put, $"/v1/frameworks/{id}") { Content = JsonContent.Create(revised) };
        put.Headers.IfMatch.Add(new EntityTagHeaderValue("\"v1\""));
        var response = await http.SendAsync(put);
        var body = await response.ShouldBeOkJsonAsync();
        body.GetProperty("version").GetInt32().Should().Be(2);
        body.GetProperty("title").GetString().Should().Be("Fractions (revised)");
        body.GetProperty("competencies").EnumerateArray().Single(c => c.GetProperty("code").GetString() == "A").GetProperty("competencyId").GetGuid().Should().Be(idOfA);

        var stale = new HttpRequestMessage(HttpMethod.Put, $"/v1/frameworks/{id}") { Content = JsonContent.Create(revised) };
        stale.Headers.IfMatch.Add(new EntityTagHeaderValue("\"v1\""));
        await (await http.SendAsync(stale)).ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task Lists_are_cursor_paginated_by_code()
    {
        var tenant = await api.NewTenantAsync();
        using var http = await tenant.AdminAsync();
        foreach (var code in new[] { "c-3", "c-1", "c-2" })
            (await http.PostAsJsonAsync("/v1/frameworks", Samples.Framework(code))).StatusCode.Should().Be(HttpStatusCode.Created);

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await (await http.GetAsync($"/v1/frameworks?limit=2{(cursor is null ? "" : "&cursor=" + cursor)}")).ShouldBeOkJsonAsync();
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
        } while (cursor is not null);
        seen.Should().Equal("c-1", "c-2", "c-3");

        var problem = await (await http.GetAsync("/v1/frameworks?limit=0")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.FieldErrors().Should().Contain("limit");
    }
}
