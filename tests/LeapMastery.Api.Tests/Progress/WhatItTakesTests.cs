using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeapMastery.Api.Tests.Infrastructure;

namespace LeapMastery.Api.Tests.Progress;

/// <summary>What it takes (LD.3) through HTTP: with progress, the competency's state, its explanation and the next steps.</summary>
public sealed class WhatItTakesTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static JsonElement Competency(JsonElement progress, Guid id) =>
        progress.GetProperty("frameworks")[0].GetProperty("competencies").EnumerateArray().Single(c => c.GetProperty("competencyId").GetGuid() == id);

    [Fact]
    public async Task Progress_says_what_the_next_evidence_needs_and_nothing_once_mastered()
    {
        var s = await FrameworkSetup.CreateAsync(api, method: "average");
        (await s.PostEvidenceAsync("wit-1", "A", "2")).StatusCode.Should().Be(HttpStatusCode.Created);

        var progress = await (await s.Http.GetAsync("/v1/learners/wit-1/progress")).ShouldBeOkJsonAsync();
        var a = Competency(progress, s.Ids["A"]).GetProperty("whatItTakes");
        a.GetProperty("reach").GetString().Should().Be("nextEvidence");
        a.GetProperty("points").GetDecimal().Should().Be(3.49m, "(1.5 + 3.49) / 2 rounds to 2.50, the threshold");
        a.GetProperty("level").GetProperty("code").GetString().Should().Be("4");
        a.GetProperty("rawFraction").GetDecimal().Should().Be(0.88m);
        a.GetProperty("explanation").GetString().Should().Contain("3.49 points");

        // Never assessed: any Proficient does it. The progress list leaves that out (it is the same on every competency
        // without evidence); the competency's state and the next steps say it.
        Competency(progress, s.Ids["B"]).GetProperty("whatItTakes").ValueKind.Should().Be(JsonValueKind.Null);
        var b = (await (await s.Http.GetAsync($"/v1/learners/wit-1/competencies/{s.Ids["B"]}")).ShouldBeOkJsonAsync()).GetProperty("whatItTakes");
        b.GetProperty("points").GetDecimal().Should().Be(2.5m);
        b.GetProperty("level").GetProperty("code").GetString().Should().Be("3");

        // The same answer from the state, the explanation, an as-of read (computed from the events) and the next steps.
        var state = await (await s.Http.GetAsync($"/v1/learners/wit-1/competencies/{s.Ids["A"]}")).ShouldBeOkJsonAsync();
        state.GetProperty("whatItTakes").GetRawText().Should().Be(a.GetRawText());
        var explanation = await (await s.Http.GetAsync($"/v1/learners/wit-1/competencies/{s.Ids["A"]}/explanation")).ShouldBeOkJsonAsync();
        explanation.GetProperty("state").GetProperty("whatItTakes").GetRawText().Should().Be(a.GetRawText());
        var asOf = await (await s.Http.GetAsync($"/v1/learners/wit-1/progress?asOf={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddSeconds(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"))}")).ShouldBeOkJsonAsync();
        Competency(asOf, s.Ids["A"]).GetProperty("whatItTakes").GetRawText().Should().Be(a.GetRawText());
        var next = await (await s.Http.GetAsync("/v1/learners/wit-1/next-steps")).ShouldBeOkJsonAsync();
        next.GetProperty("advance").EnumerateArray().Single(n => n.GetProperty("code").GetString() == "A")
            .GetProperty("whatItTakes").GetRawText().Should().Be(a.GetRawText());

        (await s.PostEvidenceAsync("wit-1", "A", "4")).StatusCode.Should().Be(HttpStatusCode.Created);
        progress = await (await s.Http.GetAsync("/v1/learners/wit-1/progress")).ShouldBeOkJsonAsync();
        Competency(progress, s.Ids["A"]).GetProperty("mastered").GetBoolean().Should().BeTrue();
        Competency(progress, s.Ids["A"]).GetProperty("whatItTakes").ValueKind.Should().Be(JsonValueKind.Null, "a mastered competency needs nothing");
    }

    [Fact]
    public async Task A_policy_needing_two_modalities_says_the_next_evidence_must_come_another_way()
    {
        var s = await FrameworkSetup.CreateAsync(api, change: body =>
            body["policy"] = new { method = "highest", parameters = new Dictionary<string, decimal>(), minEvidence = 1, minModalities = 2, countSelfAssessment = false });
        (await s.PostEvidenceAsync("wit-2", "A", "4")).StatusCode.Should().Be(HttpStatusCode.Created);
        var progress = await (await s.Http.GetAsync("/v1/learners/wit-2/progress")).ShouldBeOkJsonAsync();
        var a = Competency(progress, s.Ids["A"]).GetProperty("whatItTakes");
        a.GetProperty("reach").GetString().Should().Be("nextEvidence");
        a.GetProperty("points").GetDecimal().Should().Be(0m, "under highest the 4 already counts: any score in a new modality does it");
        a.GetProperty("newModalities").GetInt32().Should().Be(1);
        a.GetProperty("explanation").GetString().Should().Contain("modality not used yet");
    }
}
