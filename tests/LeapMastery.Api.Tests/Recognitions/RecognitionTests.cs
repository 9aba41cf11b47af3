using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeapMastery.Api.Tests.Infrastructure;

namespace LeapMastery.Api.Tests.Recognitions;

public sealed class RecognitionTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static async Task<Guid> BadgeAsync(FrameworkSetup s, string code = "fractions-badge", bool countPlaced = false)
    {
        var badge = await (await s.Http.PostAsJsonAsync("/v1/recognitions", new
        {
            code, name = "Fractions foundations", description = "Mastered unit, equivalent and added fractions.", kind = "badge", countPlaced,
            criteria = new
            {
                kind = "allOf",
                children = new[] { "A", "B", "C" }.Select(c => new { kind = "competencyMastered", competencyId = s.Ids[c] }).ToArray(),
            },
        })).ShouldBeOkJsonAsync(HttpStatusCode.Created);
        return badge.GetProperty("recognitionId").GetGuid();
    }

    private static object Item(FrameworkSetup s, string learner, string code, string level, int n) => new
    {
        learnerId = learner, sourceSystem = "lms", sourceId = $"{learner}-{n}", modality = "assessment",
        occurredAt = $"2026-03-01T10:{n:00}:00Z", alignments = new[] { new { competencyId = s.Ids[code], level } },
    };

    private static async Task<JsonElement> AwardsAsync(FrameworkSetup s, string learner) =>
        await (await s.Http.GetAsync($"/v1/learners/{learner}/recognitions")).ShouldBeOkJsonAsync();

    [Fact]
    public async Task A_badge_of_all_of_three_competencies_is_awarded_exactly_once_by_the_batch_item_that_completes_it_and_not_by_placement()
    {
        var s = await FrameworkSetup.CreateAsync(api);
        var badge = await BadgeAsync(s);
        (await s.Http.PostAsJsonAsync("/v1/learners/r-1/placements", new { frameworkId = s.FrameworkId, progressionCode = "fractions", step = 4, basis = "preAssessment" }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        (await AwardsAsync(s, "r-1")).GetArrayLength().Should().Be(0, "placement is not demonstrated mastery");

        var items = new[]
        {
            Item(s, "r-1", "A", "3", 1), Item(s, "other", "A", "4", 2), Item(s, "r-1", "B", "4", 3),
            Item(s, "r-1", "C", "2", 4), Item(s, "r-1", "C", "3", 5), Item(s, "r-1", "A", "4", 6),
        };
        var batch = await (await s.Http.PostAsJsonAsync("/v1/results/batches", new { items })).ShouldBeOkJsonAsync();
        var awarding = batch.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("recognitionsAwarded").GetArrayLength() > 0).ToList();
        awarding.Should().ContainSingle().Which.GetProperty("index").GetInt32().Should().Be(4, "the second C result completes the badge");

        var awards = await AwardsAsync(s, "r-1");
        awards.GetArrayLength().Should().Be(1);
        awards[0].GetProperty("recognitionId").GetGuid().Should().Be(badge);
        awards[0].GetProperty("manual").GetBoolean().Should().BeFalse();
        awards[0].GetProperty("evidence").GetArrayLength().Should().BeGreaterThanOrEqualTo(3);

        (await (await s.Http.PostAsJsonAsync("/v1/results/batches", new { items })).ShouldBeOkJsonAsync())
            .GetProperty("summary").GetProperty("duplicates").GetInt32().Should().Be(6);
        (await s.PostEvidenceAsync("r-1", "B", "4")).StatusCode.Should().Be(HttpStatusCode.Created);
        (await AwardsAsync(s, "r-1")).GetArrayLength().Should().Be(1, "met again, still awarded once");
    }

    [Fact]
    public async Task Later_evidence_below_mastery_flags_the_recognition_for_review_and_it_stays_until_revoked()
    {
        var s = await FrameworkSetup.CreateAsync(api, method: "mostRecent");
        await BadgeAsync(s);
        foreach (var c in new[] { "A", "B", "C" }) (await s.PostEvidenceAsync("r-2", c, "3")).StatusCode.Should().Be(HttpStatusCode.Created);
        (await AwardsAsync(s, "r-2"))[0].GetProperty("flaggedForReview").GetBoolean().Should().BeFalse();

        (await s.PostEvidenceAsync("r-2", "B", "1", occurredAt: "2026-03-09T10:00:00Z")).StatusCode.Should().Be(HttpStatusCode.Created);
        var flagged = (await AwardsAsync(s, "r-2"))[0];
        flagged.GetProperty("status").GetString().Should().Be("active");
        flagged.GetProperty("flaggedForReview").GetBoolean().Should().BeTrue();

        var revoked = await (await s.Http.PostAsJsonAsync($"/v1/learners/r-2/recognitions/{flagged.GetProperty("awardId").GetGuid()}/revocation", new { reason = "Reviewed: no longer demonstrated" }))
            .ShouldBeOkJsonAsync();
        revoked.GetProperty("status").GetString().Should().Be("revoked");
        (await s.PostEvidenceAsync("r-2", "B", "4", occurredAt: "2026-03-10T10:00:00Z")).StatusCode.Should().Be(HttpStatusCode.Created);
        (await AwardsAsync(s, "r-2")).GetArrayLength().Should().Be(1, "a revoked automatic award is not re-awarded automatically");
    }

    [Fact]
    public async Task An_educator_awards_a_recognition_with_a_justification_and_evidence()
    {
        var s = await FrameworkSetup.CreateAsync(api);
        var badge = await BadgeAsync(s);
        var evidence = await (await s.PostEvidenceAsync("r-3", "A", "3", modality: "realWorld", actor: new { kind = "partner", id = "maker-lab" })).ShouldBeOkJsonAsync(HttpStatusCode.Created);
        var award = await (await s.Http.PostAsJsonAsync("/v1/learners/r-3/recognitions", new
        {
            recognitionId = badge, justification = "Internship at the maker lab: designed and built scaled models.", evidenceIds = new[] { evidence.GetProperty("evidenceId").GetGuid() },
        })).ShouldBeOkJsonAsync(HttpStatusCode.Created);
        award.GetProperty("manual").GetBoolean().Should().BeTrue();
        award.GetProperty("evidence")[0].GetProperty("modality").GetString().Should().Be("realWorld");
        var held = await (await s.Http.PostAsJsonAsync("/v1/learners/r-3/recognitions", new { recognitionId = badge, justification = "again", evidenceIds = new[] { evidence.GetProperty("evidenceId").GetGuid() } }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict);
        held.FieldErrors().Should().Equal(["recognitionId"], "a conflict names the field it is about");
        var bad = await (await s.Http.PostAsJsonAsync("/v1/learners/r-3/recognitions", new { recognitionId = badge, justification = "x", evidenceIds = new[] { Guid.NewGuid() } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        bad.FieldErrors().Should().Contain("evidenceIds");
    }

    [Fact]
    public async Task A_policy_change_that_completes_the_criteria_awards_the_recognition()
    {
        var s = await FrameworkSetup.CreateAsync(api, method: "mostRecent");
        await BadgeAsync(s);
        (await s.PostEvidenceAsync("r-4", "A", "3", occurredAt: "2026-03-01T10:00:00Z")).StatusCode.Should().Be(HttpStatusCode.Created);
        (await s.PostEvidenceAsync("r-4", "B", "3", occurredAt: "2026-03-01T10:00:00Z")).StatusCode.Should().Be(HttpStatusCode.Created);
        (await s.PostEvidenceAsync("r-4", "C", "4", occurredAt: "2026-03-01T10:00:00Z")).StatusCode.Should().Be(HttpStatusCode.Created);
        (await s.PostEvidenceAsync("r-4", "C", "1", occurredAt: "2026-03-02T10:00:00Z")).StatusCode.Should().Be(HttpStatusCode.Created);
        (await AwardsAsync(s, "r-4")).GetArrayLength().Should().Be(1, "A, B, C were all mastered after the third post");
        var awardId = (await AwardsAsync(s, "r-4"))[0].GetProperty("awardId").GetGuid();
        (await AwardsAsync(s, "r-4"))[0].GetProperty("flaggedForReview").GetBoolean().Should().BeTrue("C dropped to Beginning under mostRecent");

        (await s.Http.PutAsJsonAsync($"/v1/frameworks/{s.FrameworkId}", Samples.Framework(method: "highest"))).StatusCode.Should().Be(HttpStatusCode.OK);
        for (var i = 0; i < 50 && (await AwardsAsync(s, "r-4"))[0].GetProperty("flaggedForReview").GetBoolean(); i++) await Task.Delay(100);
        var award = (await AwardsAsync(s, "r-4"))[0];
        award.GetProperty("awardId").GetGuid().Should().Be(awardId);
        award.GetProperty("flaggedForReview").GetBoolean().Should().BeFalse("under highest, C is mastered again");

        // A learner who meets the criteria only under the new policy is awarded by the sweep.
        var t = await FrameworkSetup.CreateAsync(api, method: "mostRecent");
        await BadgeAsync(t, code: "b2");
        (await t.PostEvidenceAsync("r-5", "A", "4", occurredAt: "2026-03-01T10:00:00Z")).StatusCode.Should().Be(HttpStatusCode.Created);
        (await t.PostEvidenceAsync("r-5", "A", "1", occurredAt: "2026-03-02T10:00:00Z")).StatusCode.Should().Be(HttpStatusCode.Created);
        (await t.PostEvidenceAsync("r-5", "B", "3")).StatusCode.Should().Be(HttpStatusCode.Created);
        (await t.PostEvidenceAsync("r-5", "C", "3")).StatusCode.Should().Be(HttpStatusCode.Created);
        (await AwardsAsync(t, "r-5")).GetArrayLength().Should().Be(0, "under mostRecent, A is at Beginning");
        (await t.Http.PutAsJsonAsync($"/v1/frameworks/{t.FrameworkId}", Samples.Framework(method: "highest"))).StatusCode.Should().Be(HttpStatusCode.OK);
        for (var i = 0; i < 50 && (await AwardsAsync(t, "r-5")).GetArrayLength() == 0; i++) await Task.Delay(100);
        (await AwardsAsync(t, "r-5")).GetArrayLength().Should().Be(1, "the policy change completed the criteria");
    }

    [Fact]
    public async Task Criteria_must_name_real_competencies_levels_and_progressions()
    {
        var s = await FrameworkSetup.CreateAsync(api);
        var problem = await (await s.Http.PostAsJsonAsync("/v1/recognitions", new
        {
            code = "bad", name = "Bad", description = "Bad", kind = "credit",
            criteria = new
            {
                kind = "nOf", n = 3,
                children = new object[]
                {
                    new { kind = "competencyMastered", competencyId = Guid.NewGuid() },
                    new { kind = "minLevel", competencyId = s.Ids["A"], levelCode = "9" },
                },
            },
        })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.FieldErrors().Should().Contain(["criteria.n", "criteria.children[0].competencyId", "criteria.children[1].levelCode"]);
    }
}
