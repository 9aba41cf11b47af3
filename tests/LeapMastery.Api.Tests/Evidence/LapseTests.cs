using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeapMastery.Api.Learners;
using LeapMastery.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Text;

namespace LeapMastery.Api.Tests.Evidence;

/// <summary>Recency and expiry through HTTP (docs/mastery.md §10): a lapse read at once, written by the sweep with masteryLapsed, awards flagged, as-of exact.</summary>
public sealed class LapseTests(ClockedApiFactory api) : IClassFixture<ClockedApiFactory>
{
    private static readonly Instant Start = Instant.FromUtc(2026, 2, 2, 9, 0);

    private static string Iso(Instant at) => InstantPattern.ExtendedIso.Format(at);

    private static async Task<FrameworkSetup> FrameworkAsync(ClockedApiFactory api, object policy)
    {
        api.Clock.Reset(Start);
        return await FrameworkSetup.CreateAsync(api, change: body => body["policy"] = policy);
    }

    private static async Task<JsonElement> StateAsync(FrameworkSetup s, string learner, string code, string? asOf = null) =>
        (await (await s.Http.GetAsync($"/v1/learners/{learner}/progress{(asOf is null ? "" : "?asOf=" + Uri.EscapeDataString(asOf))}")).ShouldBeOkJsonAsync())
            .GetProperty("frameworks")[0].GetProperty("competencies").EnumerateArray().Single(c => c.GetProperty("code").GetString() == code);

    [Fact]
    public async Task Mastery_not_renewed_lapses_in_progress_at_once_the_sweep_writes_masteryLapsed_and_flags_the_award_and_as_of_stays_exact()
    {
        var s = await FrameworkAsync(api, new { method = "mostRecent", minEvidence = 1, minModalities = 1, masteryValidForDays = 30 });
        var badge = (await (await s.Http.PostAsJsonAsync("/v1/recognitions", new
        {
            code = "unit-fractions", name = "Unit fractions", description = "Mastered unit fractions.", kind = "badge",
            criteria = new { kind = "competencyMastered", competencyId = s.Ids["A"] },
        })).ShouldBeOkJsonAsync(HttpStatusCode.Created)).GetProperty("recognitionId").GetGuid();
        (await s.PostEvidenceAsync("lp-1", "A", "3", occurredAt: Iso(Start))).StatusCode.Should().Be(HttpStatusCode.Created);

        var mastered = await StateAsync(s, "lp-1", "A");
        mastered.GetProperty("status").GetString().Should().Be("mastered");
        mastered.GetProperty("lapsesAt").GetString().Should().Be(Iso(Start + Duration.FromDays(30)));
        mastered.GetProperty("policy").GetProperty("masteryValidForDays").GetInt32().Should().Be(30);
        var awards = await (await s.Http.GetAsync("/v1/learners/lp-1/recognitions")).ShouldBeOkJsonAsync();
        awards.EnumerateArray().Should().ContainSingle().Which.GetProperty("recognitionId").GetGuid().Should().Be(badge);

        // 31 days on, with nothing newer: the read says lapsed at once, before any sweep has written it.
        var sweep = api.Services.GetRequiredService<LapseSweep>();
        api.Clock.Reset(Start + Duration.FromDays(31));
        var lapsed = await StateAsync(s, "lp-1", "A");
        lapsed.GetProperty("status").GetString().Should().Be("lapsed");
        lapsed.GetProperty("mastered").GetBoolean().Should().BeFalse();
        lapsed.GetProperty("level").GetProperty("code").GetString().Should().Be("3");
        var explanation = await (await s.Http.GetAsync($"/v1/learners/lp-1/competencies/{s.Ids["A"]}/explanation")).ShouldBeOkJsonAsync();
        explanation.GetRawText().Should().Contain("renewedWithin");

        // The sweep writes it: masteryLapsed in the feed, the award flagged for review (never taken away).
        sweep.Nudge();
        List<JsonElement> lapses = [];
        for (var i = 0; i < 100 && lapses.Count == 0; i++)
        {
            lapses = await ChangeFeedReader.ReadAllAsync(s.Http, "&types=masteryLapsed");
            if (lapses.Count == 0) await Task.Delay(100);
        }
        var change = lapses.Should().ContainSingle().Subject;
        change.GetProperty("learnerId").GetString().Should().Be("lp-1");
        change.GetProperty("competency").GetProperty("wasMastered").GetBoolean().Should().BeTrue();
        var award = (await (await s.Http.GetAsync("/v1/learners/lp-1/recognitions")).ShouldBeOkJsonAsync())[0];
        award.GetProperty("flaggedForReview").GetBoolean().Should().BeTrue();
        award.GetProperty("status").GetString().Should().Be("active");

        // Swept again, nothing more is written.
        var events = await api.EventCountAsync(s.Tenant.TenantId);
        sweep.Nudge();
        await Task.Delay(500);
        (await api.EventCountAsync(s.Tenant.TenantId)).Should().Be(events);

        // As of day 10 it was mastered; as of day 31, lapsed — from the record, whatever the sweep did.
        (await StateAsync(s, "lp-1", "A", Iso(Start + Duration.FromDays(10)))).GetProperty("status").GetString().Should().Be("mastered");
        (await StateAsync(s, "lp-1", "A", Iso(Start + Duration.FromDays(31)))).GetProperty("status").GetString().Should().Be("lapsed");

        // New evidence renews it: mastery reached again, the flag cleared.
        (await s.PostEvidenceAsync("lp-1", "A", "3", occurredAt: Iso(Start + Duration.FromDays(31)))).StatusCode.Should().Be(HttpStatusCode.Created);
        (await StateAsync(s, "lp-1", "A")).GetProperty("status").GetString().Should().Be("mastered");
        var reached = await ChangeFeedReader.ReadAllAsync(s.Http, "&types=masteryReached");
        reached.Should().HaveCount(2);
        (await (await s.Http.GetAsync("/v1/learners/lp-1/recognitions")).ShouldBeOkJsonAsync())[0].GetProperty("flaggedForReview").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task Evidence_older_than_the_window_stops_counting_and_a_write_before_the_sweep_announces_what_time_changed_first()
    {
        var s = await FrameworkAsync(api, new { method = "highest", minEvidence = 1, minModalities = 1, recencyWindowDays = 60 });
        (await s.PostEvidenceAsync("lp-2", "A", "4", occurredAt: Iso(Start))).StatusCode.Should().Be(HttpStatusCode.Created);
        api.Clock.Reset(Start + Duration.FromDays(61));
        var dropped = await StateAsync(s, "lp-2", "A");
        dropped.GetProperty("status").GetString().Should().Be("notYetAssessed", "the only evidence left the 60-day window");

        // A write reaches the learner before the sweep: the feed first says what time changed (mastery lost), then the write's own change.
        (await s.PostEvidenceAsync("lp-2", "A", "2", occurredAt: Iso(Start + Duration.FromDays(61)))).StatusCode.Should().Be(HttpStatusCode.Created);
        var changes = (await ChangeFeedReader.ReadAllAsync(s.Http)).Where(c => c.GetProperty("type").GetString() is "masteryReached" or "masteryLost" or "masteryLapsed" or "levelChanged")
            .Select(c => (c.GetProperty("type").GetString(), c.GetProperty("competency").GetProperty("toLevel").ValueKind == JsonValueKind.Null ? null : c.GetProperty("competency").GetProperty("toLevel").GetString()))
            .ToList();
        changes.Should().Equal(("masteryReached", "4"), ("masteryLost", null), ("levelChanged", "2"));
        var state = await StateAsync(s, "lp-2", "A");
        (state.GetProperty("status").GetString(), state.GetProperty("level").GetProperty("code").GetString()).Should().Be(("inProgress", "2"));
        var explanation = await (await s.Http.GetAsync($"/v1/learners/lp-2/competencies/{s.Ids["A"]}/explanation")).ShouldBeOkJsonAsync();
        explanation.GetRawText().Should().Contain("outsideRecencyWindow");
    }

    [Fact]
    public async Task A_window_or_period_outside_1_to_36500_days_is_refused_on_its_field()
    {
        api.Clock.Reset(Start);
        var tenant = await api.NewTenantAsync();
        using var http = await tenant.AdminAsync();
        var body = Samples.Framework(code: "lapse-refused");
        body["policy"] = new { method = "mostRecent", recencyWindowDays = 0, masteryValidForDays = 36_501 };
        var problem = await (await http.PostAsJsonAsync("/v1/frameworks", body)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.FieldErrors().Should().BeEquivalentTo("policy.recencyWindowDays", "policy.masteryValidForDays");
    }

    [Fact]
    public async Task A_lapse_on_a_competency_a_revision_removed_is_not_due_forever()
    {
        var policy = new { method = "mostRecent", minEvidence = 1, minModalities = 1, masteryValidForDays = 30 };
        var s = await FrameworkAsync(api, policy);
        (await s.PostEvidenceAsync("lp-4", "D", "3", occurredAt: Iso(Start))).StatusCode.Should().Be(HttpStatusCode.Created);
        (await s.PostEvidenceAsync("lp-4", "A", "3", occurredAt: Iso(Start))).StatusCode.Should().Be(HttpStatusCode.Created);

        // D leaves the framework; A stays.
        var revised = Samples.Framework();
        revised["policy"] = policy;
        revised["competencies"] = ((object[])revised["competencies"]!).Where(c => c.GetType().GetProperty("code")!.GetValue(c) as string != "D").ToArray();
        revised["prerequisites"] = ((object[])revised["prerequisites"]!).Where(p => p.GetType().GetProperty("competencyCode")!.GetValue(p) as string != "D").ToArray();
        revised["progressions"] = new object[] { new { code = "fractions", title = "Fractions", steps = new[] { "A", "B", "C" } } };
        (await s.Http.PutAsJsonAsync($"/v1/frameworks/{s.FrameworkId}", revised)).StatusCode.Should().Be(HttpStatusCode.OK);

        api.Clock.Reset(Start + Duration.FromDays(31));
        var stream = LearnerStreams.StreamId(s.Tenant.TenantId, "lp-4");
        async Task<long> DueAsync() => await Database.CountAsync(api.ConnectionString,
            "select count(*) from leap.mt_doc_learnercompetencystate where learner_stream = @s and changes_after_unix_ms < @now",
            ("s", stream), ("now", (Start + Duration.FromDays(31)).ToUnixTimeMilliseconds()));
        for (var i = 0; i < 100 && await DueAsync() > 0; i++)
        {
            api.Services.GetRequiredService<LapseSweep>().Nudge();
            await Task.Delay(100);
        }
        (await DueAsync()).Should().Be(0, "A is written lapsed, and D's state, which nothing in force reads, is no longer due");
        (await StateAsync(s, "lp-4", "A")).GetProperty("status").GetString().Should().Be("lapsed");
        (await ChangeFeedReader.ReadAllAsync(s.Http, "&types=masteryLapsed")).Should().ContainSingle("only A, which is in force, lapses in the feed");
    }
}
