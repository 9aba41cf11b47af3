using System.Net;
using System.Net.Http.Json;
using LeapMastery.Api.Tests.Infrastructure;

namespace LeapMastery.Api.Tests.Foundation;

/// <summary>Tenant B, asking about a learner id that tenant A uses, sees a learner with nothing: it cannot detect A's data.</summary>
public sealed class LearnerRouteIsolationTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Every_learner_route_of_another_tenant_shows_nothing()
    {
        var a = await FrameworkSetup.CreateAsync(api);
        var evidence = await (await a.PostEvidenceAsync("same-learner", "A", "3")).ShouldBeOkJsonAsync(HttpStatusCode.Created);
        var evidenceId = evidence.GetProperty("evidenceId").GetGuid();
        (await a.Http.PostAsJsonAsync("/v1/learners/same-learner/placements", new { frameworkId = a.FrameworkId, progressionCode = "fractions", step = 2, basis = "educator" }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        (await a.Http.PutAsJsonAsync("/v1/groups/g-1/members", new { members = new[] { "same-learner" } })).StatusCode.Should().Be(HttpStatusCode.OK);

        var b = await api.NewTenantAsync();
        using var http = await b.AdminAsync();
        (await (await http.GetAsync("/v1/learners/same-learner/evidence")).ShouldBeOkJsonAsync()).GetProperty("items").GetArrayLength().Should().Be(0);
        await (await http.GetAsync($"/v1/learners/same-learner/evidence/{evidenceId}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await http.PostAsJsonAsync($"/v1/learners/same-learner/evidence/{evidenceId}/corrections",
            new { reason = "x", alignments = new[] { new { competencyId = a.Ids["A"], level = "1" } } })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await http.PostAsJsonAsync($"/v1/learners/same-learner/evidence/{evidenceId}/validations", new { decision = "accepted" })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await (await http.GetAsync("/v1/learners/same-learner/placements")).ShouldBeOkJsonAsync()).GetArrayLength().Should().Be(0);
        (await (await http.GetAsync("/v1/learners/same-learner/progress")).ShouldBeOkJsonAsync()).GetProperty("frameworks").GetArrayLength().Should().Be(0);
        var next = await (await http.GetAsync("/v1/learners/same-learner/next-steps")).ShouldBeOkJsonAsync();
        next.GetProperty("advance").GetArrayLength().Should().Be(0);
        await (await http.GetAsync($"/v1/learners/same-learner/competencies/{a.Ids["A"]}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await http.GetAsync($"/v1/learners/same-learner/competencies/{a.Ids["A"]}/explanation")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await http.GetAsync("/v1/groups/g-1")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await http.PostAsJsonAsync("/v1/learners/same-learner/placements", new { frameworkId = a.FrameworkId, progressionCode = "fractions", step = 1, basis = "educator" }))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest, "A's framework does not exist for B");

        var aStill = await (await a.Http.GetAsync("/v1/learners/same-learner/evidence")).ShouldBeOkJsonAsync();
        aStill.GetProperty("items").GetArrayLength().Should().Be(1);
    }
}
