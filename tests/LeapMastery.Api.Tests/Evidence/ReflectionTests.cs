using System.Net;
using System.Net.Http.Json;
using LeapMastery.Api.Tests.Infrastructure;

namespace LeapMastery.Api.Tests.Evidence;

/// <summary>Learners' reflections on their evidence (LL.4): shown in explanations, never counted as scores.</summary>
public sealed class ReflectionTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_reflection_appears_with_its_evidence_in_the_explanation_and_changes_no_score()
    {
        var s = await FrameworkSetup.CreateAsync(api);
        var evidence = await (await s.PostEvidenceAsync("r-1", "A", "2")).ShouldBeOkJsonAsync(HttpStatusCode.Created);
        var evidenceId = evidence.GetProperty("evidenceId").GetGuid();
        var before = await (await s.Http.GetAsync($"/v1/learners/r-1/competencies/{s.Ids["A"]}")).ShouldBeOkJsonAsync();

        using var app = await s.Tenant.WithScopesAsync("learnerled:write");
        var added = await (await app.PostAsJsonAsync($"/v1/learners/r-1/evidence/{evidenceId}/reflections",
            new { text = "I drew the fractions on a number line; next I want to compare them." })).ShouldBeOkJsonAsync(HttpStatusCode.Created);
        added.GetProperty("evidenceId").GetGuid().Should().Be(evidenceId);
        var addedAt = added.GetProperty("addedAt").GetString()!;

        var explanation = await (await s.Http.GetAsync($"/v1/learners/r-1/competencies/{s.Ids["A"]}/explanation")).ShouldBeOkJsonAsync();
        var counted = explanation.GetProperty("counted").EnumerateArray().Single();
        counted.GetProperty("reflections").EnumerateArray().Single().GetProperty("text").GetString().Should().StartWith("I drew the fractions");
        var after = await (await s.Http.GetAsync($"/v1/learners/r-1/competencies/{s.Ids["A"]}")).ShouldBeOkJsonAsync();
        after.GetProperty("score").GetDecimal().Should().Be(before.GetProperty("score").GetDecimal(), "a reflection never counts as a score");
        after.GetProperty("evidenceCount").GetInt32().Should().Be(1);

        // As of a moment before it, the explanation does not show it.
        var asOf = Uri.EscapeDataString(DateTimeOffset.Parse(addedAt).AddMilliseconds(-1).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"));
        var earlier = await (await s.Http.GetAsync($"/v1/learners/r-1/competencies/{s.Ids["A"]}/explanation?asOf={asOf}")).ShouldBeOkJsonAsync();
        earlier.GetProperty("counted")[0].GetProperty("reflections").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task A_reflection_needs_the_learners_evidence_some_text_and_the_learner_led_scope()
    {
        var s = await FrameworkSetup.CreateAsync(api);
        var evidenceId = (await (await s.PostEvidenceAsync("r-2", "A", "3")).ShouldBeOkJsonAsync(HttpStatusCode.Created)).GetProperty("evidenceId").GetGuid();
        var events = await api.EventCountAsync(s.Tenant.TenantId);
        (await s.Http.PostAsJsonAsync($"/v1/learners/r-2/evidence/{Guid.NewGuid()}/reflections", new { text = "Hm." })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await s.Http.PostAsJsonAsync($"/v1/learners/someone-else/evidence/{evidenceId}/reflections", new { text = "Hm." })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var empty = await (await s.Http.PostAsJsonAsync($"/v1/learners/r-2/evidence/{evidenceId}/reflections", new { text = "" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        empty.FieldErrors().Should().Equal("text");
        using var reader = await s.Tenant.WithScopesAsync("progress:read");
        (await reader.PostAsJsonAsync($"/v1/learners/r-2/evidence/{evidenceId}/reflections", new { text = "Hm." })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await api.EventCountAsync(s.Tenant.TenantId)).Should().Be(events, "a refused reflection records nothing");
    }
}
