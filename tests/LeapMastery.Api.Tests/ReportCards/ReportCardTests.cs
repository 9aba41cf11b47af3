using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LeapMastery.Api.Tests.Infrastructure;
using NodaTime;

namespace LeapMastery.Api.Tests.ReportCards;

public sealed class ReportCardTests(ClockedApiFactory api) : IClassFixture<ClockedApiFactory>
{
    private async Task<(FrameworkSetup S, Guid Period)> SetupAsync()
    {
        api.Clock.Reset(Instant.FromUtc(2026, 1, 15, 12, 0));
        var s = await FrameworkSetup.CreateAsync(api);
        var period = await (await s.Http.PostAsJsonAsync("/v1/reporting-periods", new { code = $"q1-{Guid.NewGuid():N}", title = "Quarter 1", startDate = "2026-01-01", endDate = "2026-03-31" }))
            .ShouldBeOkJsonAsync(HttpStatusCode.Created);
        return (s, period.GetProperty("periodId").GetGuid());
    }

    [Fact]
    public async Task A_closed_period_report_card_is_byte_identical_before_and_after_later_evidence_and_corrections()
    {
        var (s, period) = await SetupAsync();
        api.Clock.Reset(Instant.FromUtc(2026, 2, 10, 15, 0));
        var a = await (await s.PostEvidenceAsync("rc-1", "A", "3", occurredAt: "2026-02-10T14:00:00Z")).ShouldBeOkJsonAsync(HttpStatusCode.Created);
        (await s.PostEvidenceAsync("rc-1", "B", "2", occurredAt: "2026-02-10T14:30:00Z")).StatusCode.Should().Be(HttpStatusCode.Created);
        (await s.Http.PostAsJsonAsync("/v1/learners/rc-1/placements", new { frameworkId = s.FrameworkId, progressionCode = "fractions", step = 2, basis = "educator" }))
            .StatusCode.Should().Be(HttpStatusCode.Created);

        // The period ends on 31 March in Chicago: 1 April 05:00 UTC.
        api.Clock.Reset(Instant.FromUtc(2026, 4, 2, 12, 0));
        var before = await (await s.Http.GetAsync($"/v1/learners/rc-1/report-cards/{period}")).Content.ReadAsByteArrayAsync();
        var card = JsonDocument.Parse(before).RootElement;
        card.GetProperty("asOf").GetString().Should().Be("2026-04-01T04:59:59.999999999Z");
        var competencies = card.GetProperty("frameworks")[0].GetProperty("competencies").EnumerateArray().ToDictionary(c => c.GetProperty("code").GetString()!);
        competencies["A"].GetProperty("status").GetString().Should().Be("mastered");
        competencies["A"].GetProperty("placed").GetBoolean().Should().BeTrue();
        competencies["A"].GetProperty("evidenceInPeriod").GetInt32().Should().Be(1);
        competencies["A"].GetProperty("feedbackHighlight").GetString().Should().Be("Accurate");
        competencies["B"].GetProperty("status").GetString().Should().Be("inProgress");
        competencies["C"].GetProperty("status").GetString().Should().Be("notYetAssessed");

        // After the period: a correction of A, a retraction of B's evidence, and late evidence that happened in March.
        (await s.Http.PostAsJsonAsync($"/v1/learners/rc-1/evidence/{a.GetProperty("evidenceId").GetGuid()}/corrections",
            new { reason = "Rescored", alignments = new[] { new { competencyId = s.Ids["A"], level = "1" } } })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await s.PostEvidenceAsync("rc-1", "C", "4", occurredAt: "2026-03-20T10:00:00Z")).StatusCode.Should().Be(HttpStatusCode.Created);
        (await s.Http.PutAsJsonAsync($"/v1/frameworks/{s.FrameworkId}", Samples.Framework(method: "highest"))).StatusCode.Should().Be(HttpStatusCode.OK);

        var after = await (await s.Http.GetAsync($"/v1/learners/rc-1/report-cards/{period}")).Content.ReadAsByteArrayAsync();
        after.Should().Equal(before, "a closed period's report card never changes");

        var now = await (await s.Http.GetAsync("/v1/learners/rc-1/progress")).ShouldBeOkJsonAsync();
        now.GetProperty("frameworks")[0].GetProperty("competencies").EnumerateArray().Single(c => c.GetProperty("code").GetString() == "C")
            .GetProperty("status").GetString().Should().Be("mastered", "the late evidence shows now, and in the next period");
    }

    [Fact]
    public async Task A_group_report_card_pages_json_and_streams_csv_with_one_row_per_learner_and_competency()
    {
        var (s, period) = await SetupAsync();
        api.Clock.Reset(Instant.FromUtc(2026, 2, 10, 15, 0));
        var members = Enumerable.Range(0, 5).Select(i => $"g-{i}").ToArray();
        (await s.Http.PutAsJsonAsync("/v1/groups/sec-9/members", new { members })).StatusCode.Should().Be(HttpStatusCode.OK);
        foreach (var m in members.Take(3)) (await s.PostEvidenceAsync(m, "A", "3", occurredAt: "2026-02-10T14:00:00Z")).StatusCode.Should().Be(HttpStatusCode.Created);
        api.Clock.Reset(Instant.FromUtc(2026, 4, 2, 12, 0));

        var learners = new List<string>();
        string? cursor = null;
        do
        {
            var page = await (await s.Http.GetAsync($"/v1/groups/sec-9/report-cards/{period}?limit=2{(cursor is null ? "" : "&cursor=" + cursor)}")).ShouldBeOkJsonAsync();
            learners.AddRange(page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("learnerId").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
        } while (cursor is not null);
        learners.Should().Equal(members);

        var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/groups/sec-9/report-cards/{period}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var csv = await s.Http.SendAsync(request);
        csv.StatusCode.Should().Be(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        lines[0].Should().Be("learner_id,period_code,as_of,framework_code,framework_version,competency_code,competency_id,status,level_code,level_label,score,mastered,placed,evidence_in_period,framework_grade");
        lines.Should().HaveCount(1 + 5 * 6, "five learners × six competencies");
        lines.Should().Contain(l => l.StartsWith("g-0,") && l.Contains($",A,{s.Ids["A"]},mastered,3,Proficient,2.50,true,false,1"));
    }

    [Fact]
    public async Task A_member_list_stored_with_a_null_still_renders_every_report_card_in_json_and_csv()
    {
        var (s, period) = await SetupAsync();
        (await s.Http.PutAsJsonAsync("/v1/groups/sec-null/members", new { members = new[] { "n-1", "n-2" } })).StatusCode.Should().Be(HttpStatusCode.OK);
        // What an earlier release accepted: a null (and a blank) in the stored list.
        await Database.ExecuteAsync(api.ConnectionString,
            "update leap.mt_doc_groupdocument set data = jsonb_set(data, '{members}', (data->'members') || '[null, \"\"]'::jsonb) where id = 'sec-null' and tenant_id = @t",
            ("t", s.Tenant.TenantId));
        api.Clock.Reset(Instant.FromUtc(2026, 4, 2, 12, 0));

        var page = await (await s.Http.GetAsync($"/v1/groups/sec-null/report-cards/{period}")).ShouldBeOkJsonAsync();
        page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("learnerId").GetString()).Should().Equal("n-1", "n-2");
        var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/groups/sec-null/report-cards/{period}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var csv = await (await s.Http.SendAsync(request)).Content.ReadAsStringAsync();
        csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(1 + 2 * 6, "both learners, whole");
        (await (await s.Http.GetAsync("/v1/groups/sec-null")).ShouldBeOkJsonAsync()).GetProperty("members").EnumerateArray().Select(m => m.GetString())
            .Should().Equal("n-1", "n-2");
    }

    [Fact]
    public async Task A_csv_export_that_fails_after_streaming_began_ends_in_an_error_never_as_a_complete_looking_file()
    {
        var (s, period) = await SetupAsync();
        var members = Enumerable.Range(1, 150).Select(i => $"big-{i:000}").ToArray();
        (await s.Http.PutAsJsonAsync("/v1/groups/sec-big/members", new { members })).StatusCode.Should().Be(HttpStatusCode.OK);
        api.Clock.Reset(Instant.FromUtc(2026, 2, 10, 15, 0));
        (await s.PostEvidenceAsync("big-120", "A", "3", occurredAt: "2026-02-10T14:00:00Z")).StatusCode.Should().Be(HttpStatusCode.Created);
        // A learner in the second page of 100 whose stored state no longer reads: the first page has gone out by then.
        await Database.ExecuteAsync(api.ConnectionString,
            "update leap.mt_doc_learnersummary set data = jsonb_set(data, '{record}', '\"unreadable\"') where data->>'learnerId' = 'big-120' and tenant_id = @t",
            ("t", s.Tenant.TenantId));
        api.Clock.Reset(Instant.FromUtc(2026, 4, 2, 12, 0));

        var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/groups/sec-big/report-cards/{period}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var response = await s.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.StatusCode.Should().Be(HttpStatusCode.OK, "the status line went out before the failure");
        var reading = () => response.Content.ReadAsStringAsync();
        var failure = await reading.Should().ThrowAsync<Exception>("the aborted body is an error to the client, not a shorter file");
        failure.Which.Should().Match<Exception>(e => e is IOException || e is HttpRequestException || e.InnerException is IOException,
            "the body broke off (not an assertion or other failure)");
    }

    [Fact]
    public async Task A_csv_cell_that_a_spreadsheet_would_run_as_a_formula_is_neutralised()
    {
        api.Clock.Reset(Instant.FromUtc(2026, 1, 15, 12, 0));
        var s = await FrameworkSetup.CreateAsync(api, change: body => body["scale"] = new
        {
            minPoints = 0, maxPoints = 4, masteryThreshold = 2.5,
            levels = new object[]
            {
                new { code = "1", label = "=HYPERLINK(\"https://evil.example/\",\"x\")", minScore = 0 },
                new { code = "2", label = "+cmd", minScore = 1.5 },
                new { code = "3", label = "@SUM(A1)", minScore = 2.5 },
                new { code = "4", label = "-1+1", minScore = 3.5 },
            },
        });
        var period = (await (await s.Http.PostAsJsonAsync("/v1/reporting-periods", new { code = "q1-csv", title = "Quarter 1", startDate = "2026-01-01", endDate = "2026-03-31" }))
            .ShouldBeOkJsonAsync(HttpStatusCode.Created)).GetProperty("periodId").GetGuid();
        (await s.Http.PutAsJsonAsync("/v1/groups/sec-csv/members", new { members = new[] { "c-1", "c-2", "c-3", "c-4" } })).StatusCode.Should().Be(HttpStatusCode.OK);
        api.Clock.Reset(Instant.FromUtc(2026, 2, 10, 15, 0));
        foreach (var (learner, level) in new[] { ("c-1", "1"), ("c-2", "2"), ("c-3", "3"), ("c-4", "4") })
            (await s.PostEvidenceAsync(learner, "A", level, occurredAt: "2026-02-10T14:00:00Z")).StatusCode.Should().Be(HttpStatusCode.Created);
        api.Clock.Reset(Instant.FromUtc(2026, 4, 2, 12, 0));

        var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/groups/sec-csv/report-cards/{period}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var csv = await (await s.Http.SendAsync(request)).Content.ReadAsStringAsync();
        csv.Should().Contain("\"'=HYPERLINK(\"\"https://evil.example/\"\",\"\"x\"\")\"").And.Contain("\"'+cmd\"").And.Contain("\"'@SUM(A1)\"").And.Contain("\"'-1+1\"");
        foreach (var line in csv.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        foreach (var cell in line.TrimEnd('\r').Split(','))
            cell.Should().NotMatchRegex("^[=+@\t\r]", "no cell starts a formula");
    }

    [Fact]
    public async Task Report_cards_of_another_tenant_are_invisible_and_bad_periods_are_rejected()
    {
        var (s, period) = await SetupAsync();
        var other = await api.NewTenantAsync();
        using var otherHttp = await other.AdminAsync();
        await (await otherHttp.GetAsync($"/v1/learners/x/report-cards/{period}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await s.Http.PutAsJsonAsync("/v1/groups/iso-school/members", new { members = new[] { "x" } })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await s.Http.GetAsync($"/v1/groups/iso-school/report-cards/{period}")).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await otherHttp.GetAsync($"/v1/groups/iso-school/report-cards/{period}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        using (var csv = new HttpRequestMessage(HttpMethod.Get, $"/v1/groups/iso-school/report-cards/{period}"))
        {
            csv.Headers.Accept.ParseAdd("text/csv");
            await (await otherHttp.SendAsync(csv)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        }
        var problem = await (await s.Http.PostAsJsonAsync("/v1/reporting-periods", new { code = "bad", title = "Bad", startDate = "2026-05-01", endDate = "2026-04-01" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.FieldErrors().Should().Contain("endDate");
    }
}
