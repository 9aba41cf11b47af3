using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeapMastery.Api.Tests.Infrastructure;
using NodaTime;
using NodaTime.Text;

namespace LeapMastery.Api.Tests.Goals;

/// <summary>Learners' goals (LL.2) through HTTP: set through an app, shown in progress met, on track, behind or missed, as of any moment.</summary>
public sealed class GoalTests(ClockedApiFactory api) : IClassFixture<ClockedApiFactory>
{
    private static readonly Instant Start = Instant.FromUtc(2026, 9, 1, 9, 0);

    private static string Iso(Instant at) => InstantPattern.ExtendedIso.Format(at);

    private static async Task<JsonElement[]> GoalsInProgressAsync(HttpClient http, string learner, string? asOf = null) =>
        (await (await http.GetAsync($"/v1/learners/{learner}/progress{(asOf is null ? "" : "?asOf=" + Uri.EscapeDataString(asOf))}")).ShouldBeOkJsonAsync())
            .GetProperty("frameworks")[0].GetProperty("goals").EnumerateArray().ToArray();

    [Fact]
    public async Task A_goal_shows_on_track_then_behind_then_met_in_progress_and_as_of_each_moment_as_it_stood()
    {
        api.Clock.Reset(Start);
        var s = await FrameworkSetup.CreateAsync(api);
        (await s.PostEvidenceAsync("g-1", "A", "2", occurredAt: Iso(Start))).StatusCode.Should().Be(HttpStatusCode.Created);
        using var app = await s.Tenant.WithScopesAsync("learnerled:write");
        api.Clock.Reset(Start + Duration.FromMinutes(1));

        var body = new { frameworkId = s.FrameworkId, competencyId = s.Ids["A"], level = "4", dueBy = "2026-12-10", note = "I want to explain unit fractions to my sister." };
        var set = await (await app.PostAsJsonAsync("/v1/learners/g-1/goals", body)).ShouldBeOkJsonAsync(HttpStatusCode.Created);
        set.GetProperty("status").GetString().Should().Be("onTrack");
        set.GetProperty("baseline").GetInt32().Should().Be(2, "Developing, the second level, when the goal was set");
        set.GetProperty("target").GetInt32().Should().Be(4);
        set.GetProperty("competencyCode").GetString().Should().Be("A");
        set.GetProperty("setOn").GetString().Should().Be("2026-09-01");
        var goalId = set.GetProperty("goalId").GetGuid();

        // Sent again (a retry): the same goal, nothing new recorded.
        var events = await api.EventCountAsync(s.Tenant.TenantId);
        var again = await (await app.PostAsJsonAsync("/v1/learners/g-1/goals", body)).ShouldBeOkJsonAsync(HttpStatusCode.OK);
        again.GetProperty("goalId").GetGuid().Should().Be(goalId);
        (await api.EventCountAsync(s.Tenant.TenantId)).Should().Be(events);

        // 50 of 100 days gone, no level gained: behind.
        api.Clock.Reset(Start + Duration.FromDays(50));
        var behind = (await GoalsInProgressAsync(s.Http, "g-1")).Should().ContainSingle().Subject;
        behind.GetProperty("status").GetString().Should().Be("behind");
        behind.GetProperty("elapsed").GetDecimal().Should().Be(0.5m);
        behind.GetProperty("achieved").GetDecimal().Should().Be(0m);

        // One level up (Proficient): half the way in half the time, on track again.
        (await s.PostEvidenceAsync("g-1", "A", "3", occurredAt: Iso(Start + Duration.FromDays(50)))).StatusCode.Should().Be(HttpStatusCode.Created);
        (await GoalsInProgressAsync(s.Http, "g-1")).Single().GetProperty("status").GetString().Should().Be("onTrack");

        api.Clock.Reset(Start + Duration.FromDays(60));
        (await s.PostEvidenceAsync("g-1", "A", "4", occurredAt: Iso(Start + Duration.FromDays(60)))).StatusCode.Should().Be(HttpStatusCode.Created);
        var met = (await GoalsInProgressAsync(s.Http, "g-1")).Single();
        met.GetProperty("status").GetString().Should().Be("met");
        met.GetProperty("current").GetInt32().Should().Be(4);

        // As of earlier moments, the goal stands as it did then; before it was set, there is none.
        (await GoalsInProgressAsync(s.Http, "g-1", "2026-10-21")).Single().GetProperty("status").GetString().Should().Be("onTrack", "day 50, after the Proficient evidence");
        (await GoalsInProgressAsync(s.Http, "g-1", Iso(Start + Duration.FromDays(50) - Duration.FromMinutes(1)))).Single().GetProperty("status").GetString().Should().Be("behind");
        (await GoalsInProgressAsync(s.Http, "g-1", Iso(Start + Duration.FromSeconds(30)))).Should().BeEmpty();

        // The goals list says the same.
        var listed = await (await app.GetAsync("/v1/learners/g-1/goals")).ShouldBeOkJsonAsync();
        listed.EnumerateArray().Should().ContainSingle().Which.GetProperty("status").GetString().Should().Be("met");

        // Withdrawn, it leaves progress from then on (not as of before); withdrawing it again is no error.
        api.Clock.Reset(Start + Duration.FromDays(61));
        (await app.DeleteAsync($"/v1/learners/g-1/goals/{goalId}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await app.DeleteAsync($"/v1/learners/g-1/goals/{goalId}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await GoalsInProgressAsync(s.Http, "g-1")).Should().BeEmpty();
        (await GoalsInProgressAsync(s.Http, "g-1", Iso(Start + Duration.FromDays(60)))).Should().ContainSingle();
        (await (await app.DeleteAsync($"/v1/learners/g-1/goals/{Guid.NewGuid()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound)).FieldErrors().Should().Equal("goalId");
    }

    [Fact]
    public async Task A_progression_goal_is_missed_once_its_date_passes_without_the_step_done()
    {
        api.Clock.Reset(Start);
        var s = await FrameworkSetup.CreateAsync(api);
        using var app = await s.Tenant.WithScopesAsync("learnerled:write");
        var set = await (await app.PostAsJsonAsync("/v1/learners/g-2/goals",
            new { frameworkId = s.FrameworkId, progressionCode = "fractions", step = 2, dueBy = "2026-09-11" })).ShouldBeOkJsonAsync(HttpStatusCode.Created);
        set.GetProperty("baseline").GetInt32().Should().Be(0);
        set.GetProperty("step").GetInt32().Should().Be(2);

        (await s.PostEvidenceAsync("g-2", "A", "4", occurredAt: Iso(Start))).StatusCode.Should().Be(HttpStatusCode.Created);
        api.Clock.Reset(Start + Duration.FromDays(11));
        var missed = (await GoalsInProgressAsync(s.Http, "g-2")).Single();
        missed.GetProperty("status").GetString().Should().Be("missed", "the date has passed with step 2 not done");
        missed.GetProperty("current").GetInt32().Should().Be(1);
        (await s.PostEvidenceAsync("g-2", "B", "3", occurredAt: Iso(Start + Duration.FromDays(11)))).StatusCode.Should().Be(HttpStatusCode.Created);
        (await GoalsInProgressAsync(s.Http, "g-2")).Single().GetProperty("status").GetString().Should().Be("met", "reached late, it is met");
    }

    [Fact]
    public async Task A_goal_with_no_such_target_a_past_date_two_kinds_of_target_or_without_the_scope_is_refused_and_records_nothing()
    {
        api.Clock.Reset(Start);
        var s = await FrameworkSetup.CreateAsync(api);
        using var app = await s.Tenant.WithScopesAsync("learnerled:write");
        var events = await api.EventCountAsync(s.Tenant.TenantId);

        async Task<IReadOnlyList<string>> RefusedAsync(object body, HttpClient? http = null) =>
            (await (await (http ?? app).PostAsJsonAsync("/v1/learners/g-3/goals", body)).ShouldBeProblemAsync(HttpStatusCode.BadRequest)).FieldErrors();

        (await RefusedAsync(new { frameworkId = s.FrameworkId, competencyId = s.Ids["A"], level = "9", dueBy = "2026-12-01" })).Should().Equal("level");
        (await RefusedAsync(new { frameworkId = s.FrameworkId, competencyId = s.Ids["A"], level = "3", dueBy = "2026-08-31" })).Should().Equal("dueBy");
        (await RefusedAsync(new { frameworkId = s.FrameworkId, competencyId = Guid.NewGuid(), level = "3", dueBy = "2026-12-01" })).Should().Equal("competencyId");
        (await RefusedAsync(new { frameworkId = Guid.NewGuid(), competencyId = s.Ids["A"], level = "3", dueBy = "2026-12-01" })).Should().Equal("frameworkId");
        (await RefusedAsync(new { frameworkId = s.FrameworkId, progressionCode = "fractions", step = 5, dueBy = "2026-12-01" })).Should().Equal("step");
        (await RefusedAsync(new { frameworkId = s.FrameworkId, competencyId = s.Ids["A"], level = "3", progressionCode = "fractions", step = 1, dueBy = "2026-12-01" }))
            .Should().Contain("competencyId");
        (await RefusedAsync(new { frameworkId = s.FrameworkId, competencyId = s.Ids["A"], dueBy = "2026-12-01" })).Should().Equal("level");
        (await RefusedAsync(new { frameworkId = s.FrameworkId, competencyId = s.Ids["A"], level = "3" })).Should().Equal("dueBy");
        (await RefusedAsync(new { frameworkId = s.FrameworkId, competencyId = s.Ids["A"], level = "3", dueBy = "next week" })).Should().Equal("dueBy");

        using var reader = await s.Tenant.WithScopesAsync("progress:read");
        (await reader.PostAsJsonAsync("/v1/learners/g-3/goals", new { frameworkId = s.FrameworkId, competencyId = s.Ids["A"], level = "3", dueBy = "2026-12-01" }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await reader.GetAsync("/v1/learners/g-3/goals")).StatusCode.Should().Be(HttpStatusCode.OK, "reading goals needs progress:read");
        (await api.EventCountAsync(s.Tenant.TenantId)).Should().Be(events, "a refused goal records nothing");
    }
}
