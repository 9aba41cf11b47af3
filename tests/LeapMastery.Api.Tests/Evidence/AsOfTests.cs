using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeapMastery.Api.Tests.Infrastructure;
using NodaTime;
using NodaTime.Text;

namespace LeapMastery.Api.Tests.Evidence;

/// <summary>As-of answers on the service's fake clock: "before the change" is an instant the test sets, not one it waits for.</summary>
public sealed class AsOfTests(ClockedApiFactory api) : IClassFixture<ClockedApiFactory>
{
    private static readonly Instant Start = Instant.FromUtc(2026, 4, 1, 9, 0);

    private static string Iso(Instant at) => InstantPattern.ExtendedIso.Format(at);

    private static async Task<JsonElement> StateAsync(FrameworkSetup s, string learner, Instant? asOf) =>
        await (await s.Http.GetAsync($"/v1/learners/{learner}/competencies/{s.Ids["A"]}{(asOf is { } at ? "?asOf=" + Uri.EscapeDataString(Iso(at)) : "")}"))
            .ShouldBeOkJsonAsync();

    private static async Task<decimal?> Score(FrameworkSetup s, string learner, Instant? asOf) =>
        (await StateAsync(s, learner, asOf)).GetProperty("score") is { ValueKind: JsonValueKind.Number } score ? score.GetDecimal() : null;

    private static async Task<string?> Level(FrameworkSetup s, string learner, Instant? asOf) =>
        (await StateAsync(s, learner, asOf)).GetProperty("level") is { ValueKind: JsonValueKind.Object } level ? level.GetProperty("code").GetString() : null;

    [Fact]
    public async Task A_policy_change_recomputes_current_states_while_as_of_before_it_keeps_the_old_policy()
    {
        api.Clock.Reset(Start);
        var s = await FrameworkSetup.CreateAsync(api, method: "mostRecent");
        (await s.PostEvidenceAsync("pc-1", "A", "4", occurredAt: "2026-03-01T10:00:00Z")).StatusCode.Should().Be(HttpStatusCode.Created);
        (await s.PostEvidenceAsync("pc-1", "A", "1", occurredAt: "2026-03-02T10:00:00Z")).StatusCode.Should().Be(HttpStatusCode.Created);
        (await Score(s, "pc-1", null)).Should().Be(0m, "mostRecent takes level 1");

        var beforeChange = Start + Duration.FromMinutes(1);
        api.Clock.Reset(Start + Duration.FromMinutes(2));
        (await s.Http.PutAsJsonAsync($"/v1/frameworks/{s.FrameworkId}", Samples.Framework(method: "highest"))).StatusCode.Should().Be(HttpStatusCode.OK);

        (await Score(s, "pc-1", null)).Should().Be(3.5m, "highest takes level 4 under the new policy, with no stale state");
        var state = await StateAsync(s, "pc-1", null);
        state.GetProperty("frameworkVersion").GetInt32().Should().Be(2);
        state.GetProperty("policy").GetProperty("method").GetString().Should().Be("highest");
        (await Score(s, "pc-1", beforeChange)).Should().Be(0m, "as of before the change, the old policy was in force");
        (await Score(s, "pc-1", Start + Duration.FromMinutes(3))).Should().Be(3.5m, "as of after it, the new one");
    }

    [Fact]
    public async Task A_retraction_and_a_correction_change_the_level_and_as_of_before_them_shows_the_old_level()
    {
        api.Clock.Reset(Start);
        var s = await FrameworkSetup.CreateAsync(api);
        var older = await (await s.PostEvidenceAsync("learner-3", "A", "2", occurredAt: "2026-02-01T10:00:00Z")).ShouldBeOkJsonAsync(HttpStatusCode.Created);
        var newer = await (await s.PostEvidenceAsync("learner-3", "A", "4", occurredAt: "2026-02-02T10:00:00Z")).ShouldBeOkJsonAsync(HttpStatusCode.Created);
        var beforeChanges = Start + Duration.FromMinutes(1);
        api.Clock.Reset(Start + Duration.FromMinutes(2));
        (await Level(s, "learner-3", null)).Should().Be("4");

        var retraction = await s.Http.PostAsJsonAsync($"/v1/learners/learner-3/evidence/{newer.GetProperty("evidenceId").GetGuid()}/retractions", new { reason = "Scored against the wrong rubric" });
        (await retraction.ShouldBeOkJsonAsync()).GetProperty("status").GetString().Should().Be("retracted");
        (await Level(s, "learner-3", null)).Should().Be("2", "the retracted evidence no longer counts; the older one is now the most recent");

        var correction = await s.Http.PostAsJsonAsync($"/v1/learners/learner-3/evidence/{older.GetProperty("evidenceId").GetGuid()}/corrections",
            new { reason = "Rescored", alignments = new[] { new { competencyId = s.Ids["A"], level = "3" } } });
        await correction.ShouldBeOkJsonAsync();
        (await Level(s, "learner-3", null)).Should().Be("3");

        (await Level(s, "learner-3", beforeChanges)).Should().Be("4", "as of before the retraction and correction, history is unchanged");
        await (await s.Http.PostAsJsonAsync($"/v1/learners/learner-3/evidence/{newer.GetProperty("evidenceId").GetGuid()}/retractions", new { reason = "again" }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }
}
