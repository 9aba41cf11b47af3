using System.Globalization;
using CsvHelper;
using FastEndpoints;
using FluentValidation;
using LeapMastery.Api.Features.Groups;
using LeapMastery.Api.Infrastructure.Auth;
using LeapMastery.Api.Infrastructure.Http;
using LeapMastery.Api.Infrastructure.Problems;
using LeapMastery.Api.Infrastructure.Tenancy;
using Microsoft.Net.Http.Headers;
using NodaTime.Text;

namespace LeapMastery.Api.Features.ReportCards.Group;

public sealed class GroupReportCardsRequest
{
    /// <summary>The SIS sourcedId of the section or school.</summary>
    public string GroupId { get; set; } = "";
    /// <summary>The reporting period's id.</summary>
    public Guid PeriodId { get; set; }
    /// <summary>JSON only: the <c>nextCursor</c> of the previous page.</summary>
    [QueryParam] public string? Cursor { get; set; }
    /// <summary>JSON only: learners per page, 1 to 200 (default 50).</summary>
    [QueryParam] public int? Limit { get; set; }
}

public sealed class GroupReportCardsValidator : Validator<GroupReportCardsRequest>
{
    public GroupReportCardsValidator()
    {
        RuleFor(x => x.Limit).InclusiveBetween(1, 200);
        RuleFor(x => x.Cursor).Must(c => Cursor.TryDecode(c, out _)).WithMessage("Not a cursor this service issued.");
    }
}

/// <summary>The CSV's columns, one row per learner × competency; their names are stable (docs/report-cards.md).</summary>
public static class ReportCardCsv
{
    /// <summary>
    /// A text cell that a spreadsheet would run as a formula (it starts with =, +, -, @, tab or CR) is written with a leading
    /// apostrophe and quoted, as the OWASP CSV-injection guidance recommends (docs/report-cards.md).
    /// </summary>
    public static readonly CsvWriterOptions Options = new() { Injection = CsvInjection.Escape };

    /// <summary>Whether the request asks for CSV (<c>Accept: text/csv</c>) rather than JSON.</summary>
    public static bool IsWanted(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase));

    public static readonly string[] Columns =
    [
        "learner_id", "period_code", "as_of", "framework_code", "framework_version", "competency_code", "competency_id", "status",
        "level_code", "level_label", "score", "mastered", "placed", "evidence_in_period", "framework_grade",
    ];
}

public sealed class GetGroupReportCardsEndpoint(ReportCardSource source, ILogger<GetGroupReportCardsEndpoint> logger) : Endpoint<GroupReportCardsRequest, Page<ReportCardResponse>>
{
    /// <summary>Learners loaded per round trip while streaming CSV: memory stays flat however large the group.</summary>
    private const int StreamPage = 100;

    public override void Configure()
    {
        Get("/groups/{groupId}/report-cards/{periodId:guid}");
        Scopes(ApiScopes.ReportCardsRead);
        Description(d => d.WithTags("Report cards").Produces<Page<ReportCardResponse>>(200, "application/json").Produces(200, typeof(string), "text/csv").Produces(404));
        Summary(s =>
        {
            s.Summary = "Report cards for a section or school: cursor-paginated JSON, or CSV (Accept: text/csv) streamed";
            s.Description = "JSON: one report card per member, in learner id order. CSV: one row per learner × competency, all members, streamed without holding the group in memory; columns in docs/report-cards.md.";
        });
    }

    public override async Task HandleAsync(GroupReportCardsRequest req, CancellationToken ct)
    {
        var (members, period, notFound) = await source.GroupPeriodAsync(req.GroupId, req.PeriodId, ct);
        if (notFound is not null)
        {
            await Send.ResultAsync(notFound);
            return;
        }

        if (ReportCardCsv.IsWanted(HttpContext.Request))
        {
            await StreamCsvAsync(members, period, ct);
            return;
        }

        var (page, next) = ReportCardSource.PageOf(members, req.Cursor, req.Limit);
        var records = await source.RecordsAsync(page, ct);
        await Send.OkAsync(new Page<ReportCardResponse> { Items = page.Select(m => period.Card(m, records.GetValueOrDefault(m))).ToList(), NextCursor = next }, ct);
    }

    private async Task StreamCsvAsync(IReadOnlyList<string> members, ReportCardSource.Period period, CancellationToken ct)
    {
        HttpContext.Response.StatusCode = 200;
        HttpContext.Response.ContentType = "text/csv; charset=utf-8";
        HttpContext.Response.Headers[HeaderNames.ContentDisposition] = $"attachment; filename=\"report-cards-{period.Definition.Code}.csv\"";
        await using var body = new StreamWriter(HttpContext.Response.Body, new System.Text.UTF8Encoding(false), 64 * 1024, leaveOpen: true);
        try
        {
            await WriteCsvAsync(body, members, period, ct);
        }
        catch (Exception ex) when (HttpContext.Response.HasStarted && !ct.IsCancellationRequested)
        {
            // The status line has gone out, so the failure cannot become a problem answer. Aborting the connection ends the
            // chunked body without its final chunk: every HTTP client reports that as an error, never as a complete file.
            logger.LogError(ex, "Report-card CSV for period {Period} failed after streaming began; the response was aborted", period.Definition.Code);
            HttpContext.Abort();
        }
    }

    private async Task WriteCsvAsync(StreamWriter body, IReadOnlyList<string> members, ReportCardSource.Period period, CancellationToken ct)
    {
        var header = true;
        // Each page of learners is formatted in memory (CsvHelper writes synchronously) and sent before the next is loaded.
        foreach (var chunk in members.Chunk(StreamPage))
        {
            var records = await source.RecordsAsync(chunk, ct);
            using var text = new StringWriter(CultureInfo.InvariantCulture);
            using (var csv = CsvWriter.Create(text, ReportCardCsv.Options, leaveOpen: true))
            {
                if (header)
                {
                    csv.WriteHeader(ReportCardCsv.Columns); // writes the whole header record
                    header = false;
                }
                foreach (var learner in chunk)
                {
                    var card = period.Card(learner, records.GetValueOrDefault(learner));
                    var asOf = InstantPattern.ExtendedIso.Format(card.AsOf);
                    foreach (var f in card.Frameworks)
                    foreach (var c in f.Competencies)
                    {
                        foreach (var field in new[]
                        {
                            learner, card.PeriodCode, asOf, f.Code, f.FrameworkVersion.ToString(CultureInfo.InvariantCulture), c.Code, c.CompetencyId.ToString(), System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(c.Status.ToString()),
                            c.Level?.Code ?? "", c.Level?.Label ?? "", c.Score?.ToString("0.00", CultureInfo.InvariantCulture) ?? "",
                            c.Mastered ? "true" : "false", c.Placed ? "true" : "false", c.EvidenceInPeriod.ToString(CultureInfo.InvariantCulture),
                            f.Grade?.Grade ?? "",
                        })
                            csv.WriteField(field);
                        csv.EndRecord();
                    }
                }
                csv.Flush();
            }
            await body.WriteAsync(text.GetStringBuilder(), ct);
            await body.FlushAsync(ct);
        }
    }
}
