using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LeapMastery.Bench;

/// <summary>One export of a group's report cards: CSV (one streamed answer) or JSON (every cursor page), and the API's memory around it.</summary>
public sealed record ExportRun
{
    public string Format { get; init; } = "";
    public string Group { get; init; } = "";
    public int Learners { get; init; }
    public bool Ok { get; init; }
    public string? Error { get; init; }
    /// <summary>From sending the (first) request to the last byte of the (last) answer; for JSON it includes reading each page's cursor.</summary>
    public double Ms { get; init; }
    /// <summary>CSV: until the first bytes of the body arrived. JSON: the first page, whole.</summary>
    public double FirstByteMs { get; init; }
    public long Bytes { get; init; }
    /// <summary>CSV: data rows (the header not counted). JSON: report cards.</summary>
    public long Rows { get; init; }
    public int Pages { get; init; }
    public RssWindow? Memory { get; init; }
}

/// <summary>The API process's resident set around one export, in MB (from kB): before, the peak during it, after.</summary>
public sealed record RssWindow(double BeforeMb, double PeakMb, double AfterMb, bool PeakFromHwm)
{
    public double GrowthMb => Math.Max(0, PeakMb - BeforeMb);
}

/// <summary>What the CSV (or the JSON) said, checked against the data set: rows per learner and the statuses.</summary>
public sealed record ExportCheck(string Format, int Learners, long Rows, int CompetenciesPerCard, IReadOnlyDictionary<string, long> Statuses, string? Problem)
{
    /// <summary>The CSV's header and first rows, for the console.</summary>
    public IReadOnlyList<string> Sample { get; init; } = [];
}

/// <summary>One policy preview of a group (POST /v1/frameworks/{id}/policy-previews), JSON or streamed CSV.</summary>
public sealed record PreviewRun(string Format, int Learners, double Ms, long Bytes, long Rows, string? Error)
{
    public bool Ok => Error is null;
    /// <summary>The API's resident set around the preview, watched as the exports are.</summary>
    public RssWindow? Memory { get; init; }
}

public sealed record ReportCardResults
{
    public string Tenant { get; init; } = "";
    public int Learners { get; init; }
    public int SeededLearners { get; init; }
    public int QuarterLearners { get; init; }
    public int WarmupLearners { get; init; }
    public int Competencies { get; init; }
    public int ProgressionSteps { get; init; }
    public int EvidencePerLearner { get; init; }
    public int Alignments { get; init; }
    public int PageSize { get; init; }
    public string PeriodCode { get; init; } = "";
    public string PeriodStart { get; init; } = "";
    public string PeriodEnd { get; init; } = "";
    public bool PeriodClosed { get; init; }
    public PhaseResult Seed { get; init; } = null!;
    public double GroupPutMs { get; init; }
    public ProcessMemory? ApiMemoryBefore { get; init; }
    /// <summary>Every measured export in order: per format (CSV, then JSON), rounds of (quarter, whole school).</summary>
    public IReadOnlyList<ExportRun> Runs { get; init; } = [];
    /// <summary>Raw PostgreSQL: the full group's learner documents read by key, 100 per query, whole (ms per pass).</summary>
    public IReadOnlyList<double> RawReadMs { get; init; } = [];
    public long RawReadBytes { get; init; }
    public IReadOnlyList<ExportCheck> Checks { get; init; } = [];
    /// <summary>CPU used during each format's series (both group sizes), by format.</summary>
    public IReadOnlyDictionary<string, CpuUse> Cpu { get; init; } = new Dictionary<string, CpuUse>();
    public IReadOnlyDictionary<string, IReadOnlyList<TopStatement>> Statements { get; init; } = new Dictionary<string, IReadOnlyList<TopStatement>>();
    public IReadOnlyDictionary<string, string> Sizes { get; init; } = new Dictionary<string, string>();
    /// <summary>Policy previews of the whole school (issue 16): per format, each repetition's time, bytes and learners answered.</summary>
    public IReadOnlyList<PreviewRun> Previews { get; init; } = [];

    public IReadOnlyList<ExportRun> Series(string format, string group) => Runs.Where(r => r.Format == format && r.Group == group).ToList();

    /// <summary>The largest peak-RSS growth during one export of the series (null when none was watched).</summary>
    public double? MaxGrowth(string format, string group) =>
        Series(format, group).Where(r => r.Memory is not null).Select(r => (double?)r.Memory!.GrowthMb).Max();

    public IReadOnlyList<ExportRun> Errors => Runs.Where(r => !r.Ok).ToList();
}

/// <summary>
/// The school report-card export phase (issue 6): its own tenant and framework (a report card shows every framework of
/// the tenant, so the district framework would otherwise add its 200 rows per learner), learners seeded through result
/// batches, a school group, its quarter and a warm-up group, an open reporting period; then the API's memory around
/// exports of the quarter and of the full school, timed CSV and JSON exports, and a raw PostgreSQL read of the same documents.
/// </summary>
public sealed class ReportCardBench(BenchConfig cfg, HttpClient http, HttpClient batchHttp, Postgres pg)
{
    public const string FullGroup = "rc-school";
    public const string QuarterGroup = "rc-school-quarter";
    public const string WarmupGroup = "rc-warmup";
    /// <summary>The API streams CSV 100 learners at a time; the raw read uses the same page.</summary>
    public const int StreamPage = 100;
    /// <summary>Steps of the one progression of the report-card framework (the first competencies).</summary>
    public const int ProgressionSteps = 10;

    private static readonly DateTime Now = DateTime.UtcNow;

    public static string LearnerId(int index) => $"r-{index + 1:D6}";

    public async Task<ReportCardResults> RunAsync(TokenSource operatorTokens, string tenantBase)
    {
        var memoryBefore = ProcessMemory.Read(cfg.ApiPid);
        Console.WriteLine($"== Report cards: {cfg.ReportLearners:N0} learners × {cfg.ReportCompetencies} competencies × {cfg.ReportEvidencePerLearner} evidence of {Math.Min(cfg.ReportAlignments, cfg.ReportCompetencies)} alignments");

        // 1. Its own tenant and framework.
        var api = new LeapApi(http, batchHttp);
        var tenant = $"{tenantBase}-rc";
        var (clientId, clientSecret) = await api.CreateTenantAsync(operatorTokens, tenant);
        api.Tokens = new TokenSource(http, clientId, clientSecret);
        var framework = await api.CreateFrameworkAsync(FrameworkJson(cfg.ReportCompetencies));
        var ids = EvidenceFactory.IdsFrom(framework);
        var codes = Enumerable.Range(1, cfg.ReportCompetencies).Select(Code).ToArray();
        var competencyIds = codes.Select(c => ids[c]).ToArray();
        Console.WriteLine($"Tenant {tenant}: framework rc-math of {codes.Length} competencies");

        // 2. Evidence through result batches, whole learners per batch.
        var e = cfg.ReportEvidencePerLearner;
        var learnersPerBatch = Math.Max(1, cfg.SeedBatchSize / e);
        var batches = (cfg.ReportLearners + learnersPerBatch - 1) / learnersPerBatch;
        long issued = -1;
        var seed = await LoadRunner.RunAsync(
            new LoadRunner.Options($"Report cards seed: result batches ({learnersPerBatch * e:N0} per batch)", "rc-seed", cfg.SeedClients, batches, 0,
                TimeSpan.FromSeconds(cfg.SeedMaxSeconds), cfg.ApiPid),
            async (_, _, ct) =>
            {
                var batch = (int)Interlocked.Increment(ref issued);
                var first = batch * learnersPerBatch;
                var last = Math.Min(cfg.ReportLearners, first + learnersPerBatch);
                var items = new List<string>((last - first) * e);
                for (var learner = first; learner < last; learner++)
                for (var round = 0; round < e; round++)
                    items.Add(EvidenceJson(learner, round, competencyIds));
                return await api.PostResultBatchAsync(EvidenceFactory.BatchBody(items), items.Count, ct);
            });
        var seeded = (int)Math.Min(cfg.ReportLearners, seed.Ok * learnersPerBatch);
        if (seed.Errors > 0 || seed.TimeBounded)
            Console.WriteLine($"   warning: {seed.Errors} failed batches{(seed.TimeBounded ? ", cut short by SEED_MAX_SECONDS" : "")}; the groups still hold all {cfg.ReportLearners:N0} learners");
        await pg.VacuumAnalyzeAsync();
        await pg.CheckpointAsync();

        // 3. The groups and the period. The groups hold every learner asked for (a learner without evidence still has a card).
        var all = Enumerable.Range(0, cfg.ReportLearners).Select(LearnerId).ToList();
        var quarter = all.Take(Math.Max(1, cfg.ReportLearners / 4)).ToList();
        var warmup = all.Take(Math.Min(StreamPage, cfg.ReportLearners)).ToList();
        var putWatch = Stopwatch.StartNew();
        await api.PutGroupAsync(FullGroup, "school", "Benchmark school", all);
        putWatch.Stop();
        await api.PutGroupAsync(QuarterGroup, "school", "A quarter of the benchmark school", quarter);
        await api.PutGroupAsync(WarmupGroup, "section", "Warm-up section", warmup);
        // Open: the period runs past today. A card describes the facts *recorded* before its period's end, so a closed
        // period (ending before now) would show none of the evidence just seeded, nor the framework created just now.
        var today = DateOnly.FromDateTime(Now);
        var (periodId, periodClosed) = await api.CreateReportingPeriodAsync("rc-bench", "Benchmark reporting period",
            today.AddDays(-120).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), today.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Console.WriteLine($"Groups {FullGroup} ({all.Count:N0}), {QuarterGroup} ({quarter.Count:N0}), {WarmupGroup} ({warmup.Count}); period rc-bench {periodId} ({(periodClosed ? "closed" : "open")})");

        using var exportHttp = Http.Create(cfg.ApiUrl, 4, TimeSpan.FromMinutes(10));
        var exporter = new Exporter(exportHttp, api.Tokens, periodId, cfg.ReportPageSize, cfg.ApiPid);

        // 4. Warm-up (not recorded): one CSV and one JSON export of the warm-up section, so JIT and first-use costs fall here.
        foreach (var format in new[] { "csv", "json" })
        {
            var w = await exporter.ExportAsync(format, WarmupGroup, warmup.Count, null, watchMemory: false);
            Console.WriteLine($"-- warm-up {format} of {warmup.Count} learners: {(w.Ok ? $"{w.Ms:0} ms, {w.Rows:N0} {(format == "csv" ? "rows" : "cards")}" : w.Error)}");
        }

        // 5. Per format, REPORT_REPETITIONS rounds of (quarter, whole school), one export at a time, each watched for memory:
        //    interleaved, so both sizes meet the heap in the same states. The first whole-school export of each format is checked.
        var checks = new List<ExportCheck>();
        var runs = new List<ExportRun>();
        var cpu = new Dictionary<string, CpuUse>();
        var top = new Dictionary<string, IReadOnlyList<TopStatement>>();
        foreach (var format in new[] { "csv", "json" })
        {
            await Settle();
            await pg.ResetStatementsAsync();
            var before = CpuSnapshot.Take(cfg.ApiPid);
            for (var i = 0; i < cfg.ReportRepetitions; i++)
            foreach (var (group, count) in new[] { (QuarterGroup, quarter.Count), (FullGroup, all.Count) })
            {
                var check = group == FullGroup && i == 0 ? new ExportChecker(format, cfg.ReportCompetencies) : null;
                var run = await exporter.ExportAsync(format, group, count, check, watchMemory: true);
                runs.Add(run);
                if (check is not null)
                {
                    var result = check.Result(count);
                    checks.Add(result);
                    Console.WriteLine($"   {format} content: {result.Learners:N0} learners, {result.Rows:N0} entries, statuses {string.Join(", ", result.Statuses.Select(kv => $"{kv.Key} {kv.Value:N0}"))}" +
                                      $"{(result.Problem is null ? "" : $" — WRONG: {result.Problem}")}{(result.Sample.Count > 0 ? $"; first rows:{Environment.NewLine}      {string.Join(Environment.NewLine + "      ", result.Sample)}" : "")}");
                }
                Print($"{format} #{i + 1}", run);
            }
            cpu[format] = CpuSnapshot.Between(before, CpuSnapshot.Take(cfg.ApiPid));
            top[format] = await pg.TopStatementsAsync(cfg.ApiDatabase);
        }

        // 6. Policy previews of the whole school (nothing written): highest instead of the district's policy, JSON and CSV.
        var previews = new List<PreviewRun>();
        var frameworkId = framework["frameworkId"]!.GetValue<Guid>();
        foreach (var format in new[] { "json", "csv" })
        {
            await Settle();
            for (var i = 0; i <= cfg.ReportRepetitions; i++)
            {
                var watch = i == 0 ? null : RssWatch.Start(cfg.ApiPid);
                var run = await PreviewAsync(exportHttp, api.Tokens!, frameworkId, format, all.Count);
                if (i == 0) { Console.WriteLine($"-- warm-up preview {format}: {(run.Ok ? $"{run.Ms:0} ms" : run.Error)}"); continue; }
                run = run with { Memory = await watch!.StopAsync() };
                previews.Add(run);
                Console.WriteLine(run.Ok
                    ? string.Create(CultureInfo.InvariantCulture, $"   preview {format} #{i}: {run.Learners:N0} learners, {run.Ms:0} ms, {run.Bytes / 1048576.0:0.00} MB, {run.Rows:N0} {(format == "csv" ? "rows" : "learners")}; RSS {run.Memory.BeforeMb:0} → peak {run.Memory.PeakMb:0} MB (+{run.Memory.GrowthMb:0.0})")
                    : $"   preview {format} #{i}: FAILED {run.Error}");
            }
        }

        // 7. Raw PostgreSQL: the school's learner documents, read as the export reads them.
        await Settle();
        var rawMs = new List<double>();
        long rawBytes = 0;
        var table = await pg.LearnerDocumentTableAsync();
        var docIds = table is null ? [] : await pg.LearnerDocumentIdsAsync(table, tenant);
        if (docIds.Length > 0)
        {
            for (var i = 0; i < cfg.ReportRepetitions; i++)
            {
                var t0 = Stopwatch.GetTimestamp();
                rawBytes = 0;
                foreach (var chunk in docIds.Chunk(StreamPage)) rawBytes += await pg.ReadLearnerDocumentsAsync(table!, tenant, chunk);
                rawMs.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            }
            Console.WriteLine($"   raw read of {docIds.Length:N0} learner documents ({rawBytes / 1024.0 / 1024.0:0.0} MB), {StreamPage} per query: p50 {Median(rawMs):0} ms");
        }

        return new ReportCardResults
        {
            Tenant = tenant, Learners = cfg.ReportLearners, SeededLearners = seeded, QuarterLearners = quarter.Count, WarmupLearners = warmup.Count,
            Competencies = codes.Length, ProgressionSteps = Math.Min(ProgressionSteps, codes.Length), EvidencePerLearner = e,
            Alignments = Math.Min(cfg.ReportAlignments, codes.Length), PageSize = cfg.ReportPageSize,
            PeriodCode = "rc-bench", PeriodStart = today.AddDays(-120).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            PeriodEnd = today.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), PeriodClosed = periodClosed,
            Seed = seed, GroupPutMs = putWatch.Elapsed.TotalMilliseconds, ApiMemoryBefore = memoryBefore,
            Runs = runs, RawReadMs = rawMs, RawReadBytes = rawBytes, Checks = checks, Cpu = cpu, Statements = top,
            Sizes = await pg.TenantSizesAsync(tenant), Previews = previews,
        };
    }

    private static async Task<PreviewRun> PreviewAsync(HttpClient http, TokenSource tokens, Guid frameworkId, string format, int learners)
    {
        var body = JsonSerializer.Serialize(new { groupId = FullGroup, policy = new { method = "highest", parameters = new { }, minEvidence = 1, minModalities = 1, countSelfAssessment = false } });
        using var request = new HttpRequestMessage(HttpMethod.Post, $"v1/frameworks/{frameworkId}/policy-previews") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetAsync());
        request.Headers.Accept.ParseAdd(format == "csv" ? "text/csv" : "application/json");
        var t0 = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            var text = await response.Content.ReadAsStringAsync();
            var ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            if (!response.IsSuccessStatusCode) return new PreviewRun(format, learners, ms, text.Length, 0, $"{(int)response.StatusCode} {text[..Math.Min(200, text.Length)]}");
            long rows;
            if (format == "csv") rows = text.Count(c => c == '\n') - 1;
            else
            {
                var answered = JsonNode.Parse(text)!["totals"]!["learners"]!.GetValue<int>();
                if (answered != learners) return new PreviewRun(format, learners, ms, text.Length, answered, $"answered {answered} learners of {learners}");
                rows = answered;
            }
            return new PreviewRun(format, learners, ms, System.Text.Encoding.UTF8.GetByteCount(text), rows, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            return new PreviewRun(format, learners, Stopwatch.GetElapsedTime(t0).TotalMilliseconds, 0, 0, ex.Message);
        }
    }

    private async Task Settle()
    {
        await pg.CheckpointAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
    }

    private static void Print(string label, ExportRun r) =>
        Console.WriteLine(r.Ok
            ? string.Create(CultureInfo.InvariantCulture, $"   {label}: {r.Format} {r.Group} ({r.Learners:N0}): {r.Ms:0} ms (first byte {r.FirstByteMs:0} ms), {r.Bytes / 1024.0 / 1024.0:0.00} MB, {r.Rows:N0} {(r.Format == "csv" ? "rows" : "cards")}" +
                              $"{(r.Pages > 1 ? $" in {r.Pages} pages" : "")}" +
                              $"{(r.Memory is { } m ? $"; RSS {m.BeforeMb:0} → peak {m.PeakMb:0} MB (+{m.GrowthMb:0.0})" : "")}")
            : $"   {label}: {r.Format} {r.Group}: ERROR {r.Error}");

    public static double Median(IReadOnlyList<double> values) =>
        values.Count == 0 ? 0 : LoadRunner.Percentile(values.Order().ToArray(), 50);

    private static string Code(int i) => $"R{i:D3}";

    /// <summary>REPORT_COMPETENCIES competencies side by side (no domain root: each is a CSV row); the first ten form a progression.</summary>
    public static string FrameworkJson(int count)
    {
        var competencies = new JsonArray();
        for (var i = 1; i <= count; i++)
            competencies.Add(new JsonObject
            {
                ["code"] = Code(i),
                ["statement"] = $"Competency {Code(i)}: solves grade-level problems and explains the reasoning behind them",
                ["kind"] = "competency",
            });
        var steps = Enumerable.Range(1, Math.Min(ProgressionSteps, count)).Select(Code).ToList();
        var prerequisites = new JsonArray();
        for (var s = 1; s < steps.Count; s++) prerequisites.Add(new JsonObject { ["competencyCode"] = steps[s], ["requiresCode"] = steps[s - 1] });
        return new JsonObject
        {
            ["code"] = "rc-math",
            ["title"] = "Report-card benchmark framework",
            ["scale"] = FrameworkShape.Scale(),
            ["policy"] = FrameworkShape.Policy(),
            ["competencies"] = competencies,
            ["prerequisites"] = prerequisites,
            ["progressions"] = new JsonArray
            {
                new JsonObject { ["code"] = "RP1", ["title"] = "Progression 1", ["steps"] = new JsonArray(steps.Select(s => (JsonNode)s!).ToArray()) },
            },
        }.ToJsonString();
    }

    /// <summary>
    /// Evidence <paramref name="round"/> of a learner: REPORT_ALIGNMENTS consecutive competencies (wrapping), the rounds of a
    /// learner following each other from a per-learner offset, so REPORT_EVIDENCE_PER_LEARNER × REPORT_ALIGNMENTS ≥
    /// REPORT_COMPETENCIES gives every competency a level. It happened within the period (120 to about 20 days ago).
    /// </summary>
    private string EvidenceJson(int learner, int round, Guid[] competencyIds)
    {
        var rng = new Random(HashCode.Combine(learner, round, 29));
        var count = competencyIds.Length;
        var alignments = Math.Min(cfg.ReportAlignments, count);
        var offset = learner * 7 % count;
        var e = cfg.ReportEvidencePerLearner;
        var occurred = Now.Date.AddDays(-110.0 * (e - round) / e).AddMinutes(rng.Next(0, 600));
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("learnerId", LearnerId(learner));
            w.WriteString("sourceSystem", "bench-lms");
            w.WriteString("sourceId", $"rc-{LearnerId(learner)}-{round}");
            w.WriteString("modality", rng.Next(3) == 0 ? "project" : "assessment");
            w.WriteString("occurredAt", occurred.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            w.WriteStartArray("alignments");
            for (var j = 0; j < alignments; j++)
            {
                EvidenceFactory.WriteAlignment(w, rng, competencyIds[(offset + round * alignments + j) % count]);
            }
            w.WriteEndArray();
            EvidenceFactory.WriteFeedback(w);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Sends the exports: CSV as one streamed answer, JSON page by page; watches the API's memory around each.</summary>
    private sealed class Exporter(HttpClient http, TokenSource tokens, Guid periodId, int pageSize, int apiPid)
    {
        public async Task<ExportRun> ExportAsync(string format, string group, int learners, ExportChecker? check, bool watchMemory)
        {
            var watch = watchMemory ? RssWatch.Start(apiPid) : null;
            ExportRun run;
            try
            {
                run = format == "csv" ? await CsvAsync(group, learners, check) : await JsonAsync(group, learners, check);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException or JsonException)
            {
                run = new ExportRun { Format = format, Group = group, Learners = learners, Ok = false, Error = $"{ex.GetType().Name}: {LeapApi.Truncate(ex.Message, 200)}" };
            }
            return watch is null ? run : run with { Memory = await watch.StopAsync() };
        }

        private string Url(string group) => $"v1/groups/{Uri.EscapeDataString(group)}/report-cards/{periodId}";

        private async Task<ExportRun> CsvAsync(string group, int learners, ExportChecker? check)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Url(group));
            request.Headers.Accept.ParseAdd("text/csv");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetAsync());
            var t0 = Stopwatch.GetTimestamp();
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/csv")
                return Failed("csv", group, learners, response, await response.Content.ReadAsStringAsync());
            await using var stream = await response.Content.ReadAsStreamAsync();
            var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
            long bytes = 0, lines = 0;
            double firstByte = 0;
            try
            {
                int read;
                while ((read = await stream.ReadAsync(buffer)) > 0)
                {
                    if (bytes == 0) firstByte = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                    var span = buffer.AsSpan(0, read);
                    bytes += read;
                    lines += span.Count((byte)'\n');
                    check?.Feed(span);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
            var ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            return new ExportRun
            {
                Format = "csv", Group = group, Learners = learners, Ok = lines >= 1, Error = lines >= 1 ? null : "empty CSV",
                Ms = ms, FirstByteMs = firstByte, Bytes = bytes, Rows = Math.Max(0, lines - 1), Pages = 1,
            };
        }

        private async Task<ExportRun> JsonAsync(string group, int learners, ExportChecker? check)
        {
            var t0 = Stopwatch.GetTimestamp();
            string? cursor = null;
            long bytes = 0, cards = 0;
            var pages = 0;
            double first = 0;
            do
            {
                using var request = new HttpRequestMessage(HttpMethod.Get,
                    $"{Url(group)}?limit={pageSize}{(cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")}");
                request.Headers.Accept.ParseAdd("application/json");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetAsync());
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                var body = await response.Content.ReadAsByteArrayAsync();
                if (response.StatusCode != HttpStatusCode.OK)
                    return Failed("json", group, learners, response, Encoding.UTF8.GetString(body));
                bytes += body.Length;
                pages++;
                using var doc = JsonDocument.Parse(body);
                var items = doc.RootElement.GetProperty("items");
                cards += items.GetArrayLength();
                check?.Feed(items);
                cursor = doc.RootElement.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
                if (pages == 1) first = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                if (pages > learners / Math.Max(1, pageSize) + 10)
                    return new ExportRun { Format = "json", Group = group, Learners = learners, Ok = false, Error = $"more than {pages} pages for {learners} learners: the cursor does not advance" };
            } while (cursor is not null);
            var ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            var ok = cards == learners;
            return new ExportRun
            {
                Format = "json", Group = group, Learners = learners, Ok = ok, Error = ok ? null : $"{cards} cards for {learners} members",
                Ms = ms, FirstByteMs = first, Bytes = bytes, Rows = cards, Pages = pages,
            };
        }

        private static ExportRun Failed(string format, string group, int learners, HttpResponseMessage response, string text) => new()
        {
            Format = format, Group = group, Learners = learners, Ok = false,
            Error = $"{(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType} {LeapApi.Truncate(text, 200)}",
        };
    }
}

/// <summary>Reads the CSV (or the JSON cards) as it arrives: learners, rows per learner and the statuses.</summary>
public sealed class ExportChecker(string format, int competencies)
{
    private readonly ArrayBufferWriter<byte> _line = new(512);
    private readonly Dictionary<string, long> _statuses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _perLearner = new(StringComparer.Ordinal);
    private string[]? _header;
    private int _learnerCol = -1, _statusCol = -1;
    private long _rows;
    private int _minCompetencies = int.MaxValue;
    private string? _problem;
    private readonly List<string> _sample = [];

    public void Feed(ReadOnlySpan<byte> chunk)
    {
        while (chunk.Length > 0)
        {
            var end = chunk.IndexOf((byte)'\n');
            if (end < 0) { _line.Write(chunk); return; }
            _line.Write(chunk[..end]);
            Line(Encoding.UTF8.GetString(_line.WrittenSpan).TrimEnd('\r'));
            _line.ResetWrittenCount();
            chunk = chunk[(end + 1)..];
        }
    }

    private void Line(string line)
    {
        // The data has no quoted fields (codes, ids, levels, numbers): a plain split is enough.
        if (_sample.Count < 3) _sample.Add(line);
        var fields = line.Split(',');
        if (_header is null)
        {
            _header = fields;
            _learnerCol = Array.IndexOf(fields, "learner_id");
            _statusCol = Array.IndexOf(fields, "status");
            if (_learnerCol < 0 || _statusCol < 0) _problem = $"unexpected CSV header: {LeapApi.Truncate(line, 200)}";
            return;
        }
        if (_learnerCol < 0 || fields.Length != _header.Length) { _problem ??= $"row with {fields.Length} fields instead of {_header.Length}"; return; }
        _rows++;
        _perLearner[fields[_learnerCol]] = _perLearner.GetValueOrDefault(fields[_learnerCol]) + 1;
        _statuses[fields[_statusCol]] = _statuses.GetValueOrDefault(fields[_statusCol]) + 1;
    }

    public void Feed(JsonElement items)
    {
        foreach (var card in items.EnumerateArray())
        {
            var n = 0;
            foreach (var f in card.GetProperty("frameworks").EnumerateArray())
            foreach (var c in f.GetProperty("competencies").EnumerateArray())
            {
                n++;
                var status = c.GetProperty("status").GetString() ?? "";
                _statuses[status] = _statuses.GetValueOrDefault(status) + 1;
            }
            _rows += n;
            _perLearner[card.GetProperty("learnerId").GetString() ?? ""] = n;
        }
    }

    public ExportCheck Result(int learners)
    {
        if (_perLearner.Count > 0) _minCompetencies = _perLearner.Values.Min();
        var problem = _problem;
        if (problem is null && _perLearner.Count != learners) problem = $"{_perLearner.Count:N0} learners in the export, {learners:N0} in the group";
        if (problem is null && _perLearner.Values.Any(v => v != competencies))
            problem = $"learners with {_perLearner.Values.Where(v => v != competencies).Distinct().First()} rows instead of {competencies}";
        return new ExportCheck(format, _perLearner.Count, _rows, _minCompetencies == int.MaxValue ? 0 : _minCompetencies, _statuses, problem) { Sample = _sample };
    }
}

/// <summary>
/// The API's resident set during an export: VmHWM reset to the current VmRSS before it (<c>/proc/&lt;pid&gt;/clear_refs</c>,
/// "5"; allowed for the process's owner or root), read after it, and VmRSS sampled every 5 ms as a fallback and cross-check.
/// </summary>
public sealed class RssWatch
{
    private readonly int _pid;
    private readonly double _beforeMb;
    private readonly bool _hwmReset;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task<long> _sampler;

    private RssWatch(int pid)
    {
        _pid = pid;
        _hwmReset = TryResetPeak(pid);
        var before = ReadKb(pid, "VmRSS");
        _beforeMb = before / 1024.0;
        _sampler = Task.Run(async () =>
        {
            var max = before;
            while (!_stop.IsCancellationRequested)
            {
                max = Math.Max(max, ReadKb(pid, "VmRSS"));
                try { await Task.Delay(5, _stop.Token); } catch (OperationCanceledException) { break; }
            }
            return Math.Max(max, ReadKb(pid, "VmRSS"));
        });
    }

    public static RssWatch Start(int pid) => new(pid);

    public async Task<RssWindow> StopAsync()
    {
        await _stop.CancelAsync();
        var sampled = await _sampler;
        var hwm = _hwmReset ? ReadKb(_pid, "VmHWM") : 0;
        var after = ReadKb(_pid, "VmRSS");
        _stop.Dispose();
        return new RssWindow(_beforeMb, Math.Max(sampled, hwm) / 1024.0, after / 1024.0, _hwmReset && hwm >= sampled);
    }

    public static long ReadKb(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith(field + ":", StringComparison.Ordinal)) return MachineInfo.ParseKb(line);
        }
        catch (IOException)
        {
        }
        return 0;
    }

    private static long _peakBeforeResetsKb;

    /// <summary>
    /// The largest VmHWM read right before a reset: resetting the peak for each export must not lose the run's peak (the
    /// "API working set" target reads VmHWM at the end), so the run takes the larger of this and the final VmHWM.
    /// </summary>
    public static long PeakBeforeResetsKb => Interlocked.Read(ref _peakBeforeResetsKb);

    private static bool TryResetPeak(int pid)
    {
        var hwm = ReadKb(pid, "VmHWM");
        if (hwm > Interlocked.Read(ref _peakBeforeResetsKb)) Interlocked.Exchange(ref _peakBeforeResetsKb, hwm);
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
