using System.Globalization;
using System.Text;

namespace LeapMastery.Bench;

public sealed record DataSetInfo(string Tenant, int Learners, int SeededLearners, int EvidencePerLearner, long EvidenceSeeded,
    int Competencies, int Progressions, int StepsPerProgression, int Prerequisites, int Standalone);

public sealed record RunResults
{
    public DateTime StartedUtc { get; init; }
    public DateTime FinishedUtc { get; init; }
    public MachineInfo Machine { get; init; } = null!;
    public string PgVersion { get; init; } = "";
    public IReadOnlyDictionary<string, string> PgSettings { get; init; } = new Dictionary<string, string>();
    /// <summary>The district data set (null when PHASES ran none of its phases).</summary>
    public DataSetInfo? DataSet { get; init; }
    public PhaseResult? Seed { get; init; }
    public IReadOnlyList<PhaseResult> Phases { get; init; } = [];
    public ProcessMemory? ApiMemory { get; init; }
    /// <summary>The API's memory right before the batch-ingestion phase (null when it was skipped).</summary>
    public ProcessMemory? ApiMemoryBeforeIngest { get; init; }
    /// <summary>The API's memory right before the report-card phase (null when it was skipped).</summary>
    public ProcessMemory? ApiMemoryBeforeReportCards { get; init; }
    /// <summary>The school report-card export phase (null when it was skipped).</summary>
    public ReportCardResults? ReportCards { get; init; }
    public IReadOnlyDictionary<string, string> Sizes { get; init; } = new Dictionary<string, string>();
    public int TokenFetches { get; init; }
    public int TokenLifetimeSeconds { get; init; }
    public bool PgStatStatements { get; init; }
    /// <summary>Share of all cores busy during three idle seconds before the run (other processes on the machine).</summary>
    public double BusyBeforeRun { get; init; }

    public PhaseResult? Find(string target, int clients) => Phases.FirstOrDefault(p => p.Target == target && p.Clients == clients);

    /// <summary>Every load phase in run order, the seedings included.</summary>
    public IEnumerable<PhaseResult> WithSeeds() =>
        (Seed is null ? [] : new[] { Seed }).Concat(Phases).Concat(ReportCards is null ? [] : [ReportCards.Seed]);
}

/// <summary>
/// Renders a run's results (targets, machine, data set, results, profile, report-card export) for the block between the
/// markers of docs/benchmarks.md (or a smoke/partial report); the method and how to run are the document's own text.
/// </summary>
public static class Report
{
    public const double PostRatioTarget = 0.5;
    public const double IngestRatioTarget = 0.25;
    public const double GetThroughputRatioTarget = 0.5;
    public const double GetP99RatioTarget = 2;
    public const double FlatCostRatioTarget = 1.25;
    public const long BytesPerEvidenceTarget = 4096;
    public const long MemoryTargetMb = 400;
    public const int TargetLearners = 10_000;
    public const int TargetCompetencies = 200;
    /// <summary>Issue 6: a school's CSV export of 2,000 learners × 50 competencies within 2 s (time to the last byte, median run).</summary>
    public const double CsvExportTargetSeconds = 2;
    public const int ReportTargetLearners = 2_000;
    public const int ReportTargetCompetencies = 50;
    /// <summary>"Memory flat as the group grows": the full school's RSS growth ≤ this × the quarter's, plus <see cref="MemoryFlatSlackMb"/>.</summary>
    public const double MemoryFlatFactor = 1.5;
    public const double MemoryFlatSlackMb = 16;
    /// <summary>Above this share of busy cores before the run, or of CPU used by other processes in a phase, the report warns.</summary>
    public const double QuietThreshold = 0.15;

    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>Phases whose operations are batches (seeding, result batches, COPY): measured in rows (results) per second.</summary>
    public static bool IsBatch(PhaseResult p) => p.Target is "seed" or "raw-copy" or "batch-ingest" or "rc-seed";

    private sealed record Verdict(string Target, string Measured, string Ratio, bool? Pass, string Detail);

    /// <summary>The markers in docs/benchmarks.md between which a full run writes its results; the text around them is written by hand.</summary>
    public const string BeginMarker = "<!-- bench:results begin (written by build/bench/run; edit the text outside these markers) -->";
    public const string EndMarker = "<!-- bench:results end -->";

    /// <summary>The document with its results block replaced by <paramref name="results"/>; the hand-written text around it is kept as it is.</summary>
    public static string Splice(string document, string results)
    {
        var begin = document.IndexOf(BeginMarker, StringComparison.Ordinal);
        var end = document.IndexOf(EndMarker, StringComparison.Ordinal);
        if (begin < 0 || end < begin)
            throw new InvalidOperationException($"The report has no results block: it needs the lines {BeginMarker} and {EndMarker}.");
        return document[..(begin + BeginMarker.Length)] + "\n" + results + document[end..];
    }

    /// <summary>The results block: when and how the run went, the targets' verdicts, machine, data set, results, profile, report-card export.</summary>
    public static string RenderResults(BenchConfig cfg, RunResults? r)
    {
        var sb = new StringBuilder();
        var n = cfg.Clients;
        if (r is null)
        {
            sb.AppendLine("> Not measured yet. A full run of `build/bench/run` writes its results here (the machine, the data set, every phase,");
            sb.AppendLine("> the targets and what the profile shows). A smoke run (`build/bench/run --smoke`) writes `build/bench/results/` instead.");
        }
        else
        {
            sb.AppendLine(C, $"> Written by `build/bench/run{(cfg.IsSmoke ? " --smoke" : "")}` on {r.StartedUtc:yyyy-MM-dd HH:mm} UTC " +
                             $"({(cfg.IsSmoke ? "**smoke run: a tiny data set, only to check the harness; not a result**" : cfg.AllPhasesRun ? "full run" : $"**partial run: PHASES={string.Join(",", BenchConfig.AllPhases.Where(cfg.Runs))}**")}; " +
                             $"{(r.FinishedUtc - r.StartedUtc).TotalMinutes:0.0} minutes{(cfg.IsSmoke || !cfg.AllPhasesRun ? "; the numbers as data beside this file" : "; the numbers as data: docs/benchmarks.json")}). Each full run rewrites this block.");
        }
        sb.AppendLine();
        if (r is not null && NotQuiet(r) is { } warning)
        {
            sb.AppendLine(C, $"> **Warning: the machine was not quiet.** {warning} Other processes took CPU from the API, PostgreSQL and the load generator,");
            sb.AppendLine("> which depresses the numbers (the raw baseline and the API unequally); rerun on an idle machine before drawing conclusions.");
            sb.AppendLine();
        }

        // Targets.
        sb.AppendLine("## Targets");
        sb.AppendLine();
        sb.AppendLine("Each target is set against the raw-PostgreSQL baseline measured in the same run, on the same cluster and machine, except the report-card");
        sb.AppendLine("export's (issue 6), which are absolute; a raw read of the same learner documents stands beside the CSV time for reference.");
        sb.AppendLine();
        sb.AppendLine("| target | measured | against raw PostgreSQL (same run) | result |");
        sb.AppendLine("| --- | --- | --- | --- |");
        var verdicts = r is null ? null : Verdicts(cfg, r);
        if (verdicts is null)
        {
            sb.AppendLine(C, $"| evidence POST at {n} clients (with the inline progress update) ≥ {PostRatioTarget}× raw single-row inserts at {n} connections | – | – | not measured yet |");
            sb.AppendLine(C, $"| {GetTarget(n)} | – | – | not measured yet |");
            sb.AppendLine(C, $"| {FlatTarget(cfg)} | – | – | not measured yet |");
            sb.AppendLine(C, $"| {BytesTarget()} | – | – | not measured yet |");
            sb.AppendLine(C, $"| API working set ≤ {MemoryTargetMb} MB | – | – | not measured yet |");
            sb.AppendLine(C, $"| {IngestTarget(cfg)} | – | – | not measured yet |");
            sb.AppendLine(C, $"| {CsvTarget()} | – | – | not measured yet |");
            sb.AppendLine(C, $"| {MemoryFlatTarget("csv")} | – | – | not measured yet |");
            sb.AppendLine(C, $"| {MemoryFlatTarget("json")} | – | – | not measured yet |");
        }
        else
        {
            foreach (var v in verdicts)
                sb.AppendLine(C, $"| {v.Target} | {v.Measured} | {v.Ratio} | {(v.Pass is null ? "n/a" : v.Pass.Value ? "**PASS**" : "**MISS**")} {v.Detail} |");
        }
        sb.AppendLine();

        if (r is not null)
        {
            Machine(sb, cfg, r);
            DataSet(sb, cfg, r);
            Results(sb, cfg, r);
            Profile(sb, cfg, r, verdicts!);
            ReportCardsSection(sb, cfg, r);
        }
        else
        {
            sb.AppendLine("## Machine, data set, results and profile");
            sb.AppendLine();
            sb.AppendLine("Filled in by the run: cores, CPU model, memory, OS, .NET and PostgreSQL versions and settings; the data set's size;");
            sb.AppendLine("throughput and p50/p95/p99 latency of every phase; CPU per operation by process; the top SQL statements and wait events.");
            sb.AppendLine();
        }
        return sb.ToString();
    }

    public static string Summary(BenchConfig cfg, RunResults r)
    {
        var sb = new StringBuilder();
        sb.AppendLine(C, $"{"phase",-52} {"clients",7} {"ok",7} {"err",5} {"ops/s",9} {"rows/s",9} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8}");
        foreach (var p in r.WithSeeds())
            sb.AppendLine(C, $"{p.Name,-52} {p.Clients,7} {p.Ok,7} {p.Errors,5} {p.Throughput,9:0.0} {(IsBatch(p) ? p.RowsPerSecond.ToString("0.0", C) : "-"),9} {p.P50Ms,8:0.00} {p.P95Ms,8:0.00} {p.P99Ms,8:0.00}");
        if (r.ReportCards is { } rc)
        {
            foreach (var format in new[] { "csv", "json" })
            foreach (var group in new[] { ReportCardBench.FullGroup, ReportCardBench.QuarterGroup })
            {
                var ok = rc.Series(format, group).Where(x => x.Ok).ToList();
                if (ok.Count == 0) continue;
                sb.AppendLine(C, $"Report cards {format.ToUpperInvariant()}, {(group == ReportCardBench.FullGroup ? "whole school" : "quarter")} ({ok[0].Learners:N0} learners × {rc.Competencies}): " +
                                 $"p50 {ReportCardBench.Median(ok.Select(x => x.Ms).ToList()) / 1000:0.00} s, max {ok.Max(x => x.Ms) / 1000:0.00} s, " +
                                 $"{ok[0].Rows:N0} {(format == "csv" ? "rows" : "cards")}, {ok[0].Bytes / 1048576.0:0.0} MB{(ok[0].Pages > 1 ? $", {ok[0].Pages} pages" : "")}; " +
                                 $"API RSS growth during an export: max {rc.MaxGrowth(format, group) ?? 0:0.0} MB");
            }
        }
        sb.AppendLine(C, $"API memory after the runs: {(r.ApiMemory is { } m2 ? $"VmRSS {m2.RssMb} MB, VmHWM (peak) {m2.PeakRssMb} MB" : "unknown (process gone)")}");
        foreach (var v in Verdicts(cfg, r))
            sb.AppendLine(C, $"{(v.Pass is null ? "n/a " : v.Pass.Value ? "PASS" : "MISS")}  {Plain(v.Target)}: {Plain(v.Measured)}; {Plain(v.Ratio)} {Plain(v.Detail)}");
        return sb.ToString();
    }

    /// <summary>Says how busy the machine was with other work, when that exceeds <see cref="QuietThreshold"/>.</summary>
    private static string? NotQuiet(RunResults r)
    {
        var notes = new List<string>();
        if (r.BusyBeforeRun > QuietThreshold) notes.Add($"{r.BusyBeforeRun:P0} of the cores were busy before the run started (the API idle)");
        var noisy = r.WithSeeds()
            .Where(p => p.Cpu is { MachineBusySeconds: > 0 } c && c.OtherSeconds / c.MachineBusySeconds > QuietThreshold)
            .Select(p => $"{p.Name} ×{p.Clients} ({p.Cpu!.OtherSeconds / p.Cpu.MachineBusySeconds:P0})")
            .ToList();
        if (noisy.Count > 0) notes.Add($"{(notes.Count == 0 ? "P" : "p")}rocesses other than the API, PostgreSQL and the load generator used a large share of the busy CPU during: {string.Join(", ", noisy)}");
        return notes.Count == 0 ? null : string.Join("; ", notes) + ".";
    }

    private static string Plain(string md) => md.Replace("**", "").Replace("`", "");

    private static string GetTarget(int n) =>
        $"progress GET at {n} clients: throughput ≥ {GetThroughputRatioTarget}× and p99 ≤ {GetP99RatioTarget}× a raw key read of the same learner's stored progress";

    private static string FlatTarget(BenchConfig cfg) =>
        $"flat cost: API + PostgreSQL CPU per evidence POST for learners with {cfg.FlatManyPrior} prior evidence ≤ {FlatCostRatioTarget}× that with {cfg.FlatFewPrior}";

    private static string BytesTarget() => $"storage: bytes per evidence in the database (events, read models, indexes) ≤ {BytesPerEvidenceTarget:N0}";

    private static List<Verdict> Verdicts(BenchConfig cfg, RunResults r)
    {
        var n = cfg.Clients;
        var list = new List<Verdict>();
        var smallData = r.DataSet is not { } ds || ds.SeededLearners < TargetLearners || ds.Competencies < TargetCompetencies;
        var smallNote = smallData ? $" (data set smaller than the target's {TargetLearners:N0} × {TargetCompetencies}: indicative only)" : "";

        var post = r.Find("evidence-post", n);
        var insert = r.Find("raw-insert", n);
        var postTarget = $"evidence POST at {n} clients (with the inline progress update) ≥ {PostRatioTarget}× raw single-row inserts at {n} connections";
        if (post is null || insert is null || insert.Throughput <= 0)
            list.Add(new(postTarget, "–", "–", null, "not measured"));
        else
        {
            var ratio = post.Throughput / insert.Throughput;
            var pass = ratio >= PostRatioTarget;
            var detail = pass
                ? $"({ratio / PostRatioTarget:0.0}× the target)"
                : $"by {(1 - ratio / PostRatioTarget) * 100:0}%: {ratio:0.00}× instead of ≥ {PostRatioTarget}×; the API needs {PostRatioTarget * insert.Throughput / post.Throughput:0.0}× its throughput";
            list.Add(new(postTarget, $"{post.Throughput:N0} posts/s vs {insert.Throughput:N0} inserts/s", $"**{ratio:0.00}×**", pass, detail + (cfg.IsSmoke ? smallNote : "")));
        }

        var get = r.Find("progress-get", n);
        var read = r.Find("raw-read", n);
        if (get is null || read is null || read.Throughput <= 0 || read.P99Ms <= 0)
            list.Add(new(GetTarget(n), "–", "–", null, "not measured"));
        else
        {
            var throughput = get.Throughput / read.Throughput;
            var p99 = get.P99Ms / read.P99Ms;
            var pass = throughput >= GetThroughputRatioTarget && p99 <= GetP99RatioTarget;
            var detail = pass ? "" : string.Join("; ", new[]
            {
                throughput < GetThroughputRatioTarget ? $"throughput {throughput:0.00}× instead of ≥ {GetThroughputRatioTarget}×" : null,
                p99 > GetP99RatioTarget ? $"p99 {p99:0.0}× instead of ≤ {GetP99RatioTarget}×" : null,
            }.OfType<string>());
            list.Add(new(GetTarget(n),
                $"{get.Throughput:N0} GET/s, p99 {get.P99Ms:0.0} ms (p50 {get.P50Ms:0.0}) vs raw {read.Throughput:N0} reads/s, p99 {read.P99Ms:0.0} ms",
                $"**{throughput:0.00}×** throughput, **{p99:0.0}×** p99", pass, detail + smallNote));
        }

        var few = r.Find("flat-few", n);
        var many = r.Find("flat-many", n);
        if (few?.Cpu is not { } fc || many?.Cpu is not { } mc || few.Ok == 0 || many.Ok == 0)
            list.Add(new(FlatTarget(cfg), "–", "–", null, "not measured"));
        else
        {
            var fewMs = few.CpuMsPerOp(fc.ApiSeconds + fc.PostgresSeconds);
            var manyMs = many.CpuMsPerOp(mc.ApiSeconds + mc.PostgresSeconds);
            var ratio = manyMs / fewMs;
            var pass = ratio <= FlatCostRatioTarget;
            list.Add(new(FlatTarget(cfg),
                $"API + PostgreSQL CPU per POST {manyMs:0.00} ms with {cfg.FlatManyPrior} prior vs {fewMs:0.00} ms with {cfg.FlatFewPrior} ({many.Throughput:N0} vs {few.Throughput:N0} posts/s)",
                $"**{ratio:0.00}×**", pass, pass ? "" : $"by {(ratio / FlatCostRatioTarget - 1) * 100:0}%"));
        }

        if (!r.Sizes.TryGetValue("bytes per evidence (all tables and indexes of the schema / evidence recorded)", out var perEvidence) || !long.TryParse(perEvidence, out var bytes))
            list.Add(new(BytesTarget(), "–", "–", null, "not measured"));
        else
            list.Add(new(BytesTarget(), $"**{bytes:N0} bytes** per evidence (every table and index of the schema over the evidence recorded)", "– (no raw equivalent)",
                bytes <= BytesPerEvidenceTarget, bytes <= BytesPerEvidenceTarget ? "" : $"by {bytes - BytesPerEvidenceTarget:N0} bytes"));

        var memTarget = $"API working set ≤ {MemoryTargetMb} MB";
        if (r.ApiMemory is not { } m)
            list.Add(new(memTarget, "–", "–", null, "the API process was gone"));
        else
        {
            var pass = m.PeakRssMb <= MemoryTargetMb;
            var detail = pass
                ? $"(peak {m.PeakRssMb * 100 / MemoryTargetMb}% of the limit)"
                : $"by {m.PeakRssMb - MemoryTargetMb} MB ({(m.PeakRssMb - MemoryTargetMb) * 100 / MemoryTargetMb}% over)";
            list.Add(new(memTarget, $"peak (VmHWM) **{m.PeakRssMb} MB**; after the runs (VmRSS) {m.RssMb} MB" +
                (r.ApiMemoryBeforeIngest is { } b ? $"; before the batch phase: peak {b.PeakRssMb} MB" : "") +
                (r.ApiMemoryBeforeReportCards is { } rcm ? $"; before the report-card phase: peak {rcm.PeakRssMb} MB" : ""), "– (no raw equivalent)", pass, detail + smallNote));
        }

        var k = cfg.IngestClients;
        var batch = r.Find("batch-ingest", k);
        var copy = r.Find("raw-copy", k);
        if (batch is null || copy is null || copy.RowsPerSecond <= 0)
            list.Add(new(IngestTarget(cfg), "–", "–", null, cfg.IngestBatches > 0 ? "not measured" : "not measured (INGEST_BATCHES=0)"));
        else
        {
            var ratio = batch.RowsPerSecond / copy.RowsPerSecond;
            var pass = ratio >= IngestRatioTarget;
            var detail = pass
                ? $"({ratio / IngestRatioTarget:0.0}× the target)"
                : $"by {(1 - ratio / IngestRatioTarget) * 100:0}%: {ratio:0.000}× instead of ≥ {IngestRatioTarget}×; the API needs {IngestRatioTarget * copy.RowsPerSecond / batch.RowsPerSecond:0.0}× its throughput";
            list.Add(new(IngestTarget(cfg),
                $"{batch.RowsPerSecond:N0} results/s vs {copy.RowsPerSecond:N0} rows/s (per batch of {cfg.IngestBatchSize:N0}: p50 {batch.P50Ms:0} ms, p95 {batch.P95Ms:0} ms, p99 {batch.P99Ms:0} ms)",
                $"**{ratio:0.000}×**", pass, detail + (cfg.IsSmoke ? smallNote : "")));
        }

        var rc = r.ReportCards;
        var csv = rc?.Series("csv", ReportCardBench.FullGroup).Where(x => x.Ok).ToList() ?? [];
        var skipped = !cfg.Runs("reportcards") || cfg.ReportLearners == 0 ? "not measured (skipped: PHASES or REPORT_LEARNERS=0)" : "not measured";
        if (rc is null || csv.Count == 0)
            list.Add(new(CsvTarget(), "–", "–", null, rc is null ? skipped : "no successful CSV export"));
        else
        {
            var p50 = ReportCardBench.Median(csv.Select(x => x.Ms).ToList()) / 1000;
            var max = csv.Max(x => x.Ms) / 1000;
            var pass = p50 <= CsvExportTargetSeconds;
            var small = rc.Learners < ReportTargetLearners || rc.Competencies < ReportTargetCompetencies
                ? $" (data set {rc.Learners:N0} × {rc.Competencies}, smaller than the target's {ReportTargetLearners:N0} × {ReportTargetCompetencies}: indicative only)" : "";
            var detail = (pass
                ? $"({CsvExportTargetSeconds - p50:0.00} s to spare{(max > CsvExportTargetSeconds ? $"; but the slowest of {csv.Count} runs took {max:0.00} s" : "")})"
                : $"by {p50 - CsvExportTargetSeconds:0.00} s ({p50 / CsvExportTargetSeconds:0.0}× the limit)") + small;
            var raw = rc.RawReadMs.Count > 0 ? ReportCardBench.Median(rc.RawReadMs) : 0;
            list.Add(new(CsvTarget(),
                $"p50 **{p50:0.00} s** (max {max:0.00} s over {csv.Count} runs; first byte {ReportCardBench.Median(csv.Select(x => x.FirstByteMs).ToList()):0} ms; {csv[0].Rows:N0} rows, {csv[0].Bytes / 1048576.0:0.0} MB)",
                raw > 0 ? $"{p50 * 1000 / raw:0.0}× a raw read of the same {rc.Learners:N0} learner documents, {ReportCardBench.StreamPage} per query ({raw:0} ms)" : "–",
                pass, detail));
        }

        foreach (var format in new[] { "csv", "json" })
        {
            var target = MemoryFlatTarget(format);
            if (rc is null || rc.MaxGrowth(format, ReportCardBench.QuarterGroup) is not { } q || rc.MaxGrowth(format, ReportCardBench.FullGroup) is not { } f)
            {
                list.Add(new(target, "–", "–", null, rc is null ? skipped : "not measured (an export failed)"));
                continue;
            }
            var limit = MemoryFlatFactor * q + MemoryFlatSlackMb;
            var pass = f <= limit;
            var factor = rc.QuarterLearners > 0 ? (double)rc.Learners / rc.QuarterLearners : 0;
            var runs = rc.Series(format, ReportCardBench.FullGroup).Count;
            list.Add(new(target,
                $"largest growth during one export (of {runs} per size): quarter ({rc.QuarterLearners:N0}) **+{q:0.0} MB**, whole school ({rc.Learners:N0}) **+{f:0.0} MB**",
                "– (no raw equivalent)", pass,
                (pass ? $"(limit {limit:0.0} MB; the school is {factor:0.#}× the quarter)" : $"by {f - limit:0.0} MB (limit {limit:0.0} MB; the school is {factor:0.#}× the quarter)") +
                (rc.Learners < ReportTargetLearners ? $" (group smaller than {ReportTargetLearners:N0}: indicative only)" : "")));
        }
        return list;
    }

    private static string CsvTarget() =>
        $"school report cards as CSV (`GET /v1/groups/{{id}}/report-cards/{{period}}`, `Accept: text/csv`) for {ReportTargetLearners:N0} learners × {ReportTargetCompetencies} competencies ≤ {CsvExportTargetSeconds} s to the last byte (median run)";

    private static string MemoryFlatTarget(string format) =>
        $"memory flat as the group grows, {(format == "csv" ? "CSV export (streamed)" : "JSON export (every page)")}: the API's peak-RSS growth during an export of a whole school ≤ {MemoryFlatFactor}× that during an export of a quarter of it + {MemoryFlatSlackMb} MB (largest of the runs)";

    private static string IngestTarget(BenchConfig cfg) =>
        $"result batch ingestion (`POST /v1/results/batches`, {cfg.IngestBatchSize:N0} per batch) at {cfg.IngestClients} client{(cfg.IngestClients == 1 ? "" : "s")} ≥ {IngestRatioTarget}× raw binary `COPY` of the same rows at {cfg.IngestClients} connection{(cfg.IngestClients == 1 ? "" : "s")}";

    private static void Machine(StringBuilder sb, BenchConfig cfg, RunResults r)
    {
        var m = r.Machine;
        var s = r.PgSettings;
        sb.AppendLine("## Machine");
        sb.AppendLine();
        sb.AppendLine("| | |");
        sb.AppendLine("| --- | --- |");
        sb.AppendLine(C, $"| cores (`nproc`) | {m.Cores} |");
        sb.AppendLine(C, $"| CPU | {m.CpuModel} |");
        sb.AppendLine(C, $"| memory | {m.MemoryMb / 1024.0:0.0} GiB |");
        sb.AppendLine(C, $"| OS | {m.Os}, Linux {m.Kernel} |");
        sb.AppendLine(C, $"| .NET | {m.DotnetRuntime}{(m.DotnetSdk.Length > 0 ? $" (SDK {m.DotnetSdk})" : "")}; the API in Release, server GC (ASP.NET Core's default) |");
        sb.AppendLine(C, $"| PostgreSQL | {r.PgVersion}, a throw-away cluster on `{cfg.PgDataFileSystem}` |");
        sb.AppendLine(C, $"| PostgreSQL settings | {string.Join(", ", s.Select(kv => $"`{kv.Key}={kv.Value}`"))} (defaults, apart from `max_connections`) |");
        sb.AppendLine();
    }

    private static void DataSet(StringBuilder sb, BenchConfig cfg, RunResults r)
    {
        sb.AppendLine("## Data set");
        sb.AppendLine();
        if (!cfg.AllPhasesRun)
        {
            sb.AppendLine(C, $"- **Partial run**: PHASES = {string.Join(", ", BenchConfig.AllPhases.Where(cfg.Runs))} (the other phases were skipped).");
        }
        if (r.DataSet is not { } d || r.Seed is null)
        {
            sb.AppendLine("- The district data set was not seeded: none of its phases (progress, evidence, ingest) ran.");
            if (r.ReportCards is { } rc0) sb.AppendLine(C, $"- The report-card phase has its own tenant and data: see [Report-card export](#report-card-export).");
            sb.AppendLine();
            return;
        }
        sb.AppendLine(C, $"- One tenant (`{d.Tenant}`), created by the operator; all calls use its admin client's token ({r.TokenFetches} token request{(r.TokenFetches == 1 ? "" : "s")}, each valid for {r.TokenLifetimeSeconds / 60.0:0.#} min and refreshed before it expires).");
        sb.AppendLine(C, $"- One framework of **{d.Competencies} competencies**: a domain root and {d.Competencies - 1} competencies; {d.Progressions} progressions of {d.StepsPerProgression} steps " +
                         $"with {d.Prerequisites} prerequisites along them ({d.Standalone} competencies outside any progression); scale 0–4 in four levels, mastery at 2.5; policy decayingAverage (w = 0.65).");
        sb.AppendLine($"- **{d.SeededLearners:N0} learners × {d.EvidencePerLearner} evidence** = {d.EvidenceSeeded:N0} evidence seeded through `POST /v1/results/batches`" +
                         $"{(d.SeededLearners < d.Learners || d.EvidenceSeeded < (long)d.Learners * d.EvidencePerLearner ? $" (**cut short by SEED_MAX_SECONDS**: {d.Learners:N0} × {d.EvidencePerLearner} were asked for)" : "")}; " +
                         "each aligned to 1–3 competencies (consecutive steps near the learner's position on their progression, or stand-alone competencies), " +
                         "scores mixed as points, raw/max and level codes; unique source ids; feedback on effort, process and mastery; half with an artifact URL.");
        var s = r.Seed;
        sb.AppendLine(C, $"- Seeding rate: **{s.RowsPerSecond:N0} results/s** in {s.Ok:N0} batches of whole learners (≤ {Math.Max(1, cfg.SeedBatchSize / d.EvidencePerLearner) * d.EvidencePerLearner:N0} results each), " +
                         $"{s.Clients} concurrent request{(s.Clients == 1 ? "" : "s")} ({s.Seconds:0} s; per batch p50 {s.P50Ms:0} ms, p95 {s.P95Ms:0} ms, p99 {s.P99Ms:0} ms; {s.Errors} failed batches).");
        if (r.Sizes.Count > 0)
            sb.AppendLine(C, $"- After the evidence POST phases (before the batch phase): {string.Join("; ", r.Sizes.Select(kv => $"{kv.Key} {kv.Value}"))}.");
        if (r.ReportCards is not null)
            sb.AppendLine("- The report-card phase has its own tenant, framework and learners: see [Report-card export](#report-card-export).");
        sb.AppendLine();
    }

    private static void Results(StringBuilder sb, BenchConfig cfg, RunResults r)
    {
        sb.AppendLine("## Results");
        sb.AppendLine();
        if (r.Seed is null)
        {
            sb.AppendLine("The district phases were skipped (PHASES); the report-card phase is below.");
            sb.AppendLine();
            return;
        }
        sb.AppendLine("Latency is measured by the client around each request (HTTP: sending it and reading the whole answer; raw: one statement on a pooled connection). Throughput counts successful operations per second of the measured window.");
        sb.AppendLine();
        sb.AppendLine("| phase | clients | ops | errors | throughput /s | p50 ms | p95 ms | p99 ms | max ms | mean size |");
        sb.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var p in r.Phases.Where(p => !IsBatch(p)))
            sb.AppendLine(C, $"| {p.Name}{(p.TimeBounded ? " (time bound)" : "")} | {p.Clients} | {p.Ok:N0} | {p.Errors} | **{p.Throughput:N0}** | {p.P50Ms:0.00} | {p.P95Ms:0.00} | **{p.P99Ms:0.00}** | {p.MaxMs:0.0} | {Bytes(p.MeanBytes)} |");
        sb.AppendLine();
        if (r.Phases.Any(IsBatch))
        {
            sb.AppendLine("Batch ingestion: throughput in rows (results) per second; latency per batch (HTTP: sending the whole batch and reading the per-item answer; raw: one binary `COPY` of the same rows, committed).");
            sb.AppendLine();
            sb.AppendLine("| phase | clients | batches | rows | failed batches | rows/s | batches/s | p50 ms | p95 ms | p99 ms | max ms | mean batch size |");
            sb.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var p in r.Phases.Where(IsBatch))
                sb.AppendLine(C, $"| {p.Name}{(p.TimeBounded ? " (time bound)" : "")} | {p.Clients} | {p.Ok:N0} | {p.Rows:N0} | {p.Errors} | **{p.RowsPerSecond:N0}** | {p.Throughput:0.00} | {p.P50Ms:0.0} | {p.P95Ms:0.0} | **{p.P99Ms:0.0}** | {p.MaxMs:0.0} | {Bytes(p.MeanBytes)} |");
            sb.AppendLine();
        }
        var errors = r.WithSeeds().Where(p => p.Errors > 0).ToList();
        if (errors.Count > 0)
        {
            sb.AppendLine("Errors:");
            sb.AppendLine();
            foreach (var p in errors)
            foreach (var (kind, count) in p.ErrorKinds.OrderByDescending(kv => kv.Value).Take(3))
                sb.AppendLine(C, $"- {p.Name} ×{p.Clients}: {count} × `{kind.Replace('`', '\'').Replace('|', '/')}`");
            sb.AppendLine();
        }

        sb.AppendLine("CPU time per operation, by process (from `/proc`; per row — one result — for the seeding and the batch phases; \"machine busy\" is the share of all cores in use during the phase):");
        sb.AppendLine();
        sb.AppendLine("| phase | clients | API ms | PostgreSQL ms | load generator ms | other ms | machine busy |");
        sb.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var p in r.WithSeeds())
        {
            if (p.Cpu is not { } c) continue;
            Func<double, double> per = IsBatch(p) ? p.CpuMsPerRow : p.CpuMsPerOp;
            var digits = IsBatch(p) ? "0.000" : "0.00";
            sb.AppendLine(C, $"| {p.Name}{(IsBatch(p) ? " (per row)" : "")} | {p.Clients} | {per(c.ApiSeconds).ToString(digits, C)} | {per(c.PostgresSeconds).ToString(digits, C)} | {per(c.BenchSeconds).ToString(digits, C)} | {per(c.OtherSeconds).ToString(digits, C)} | {c.Utilisation(r.Machine.Cores):P0} |");
        }
        sb.AppendLine();
        _ = cfg;
    }

    private static void Profile(StringBuilder sb, BenchConfig cfg, RunResults r, List<Verdict> verdicts)
    {
        var n = cfg.Clients;
        sb.AppendLine("## What the profile shows");
        sb.AppendLine();
        var missed = verdicts.Where(v => v.Pass == false).ToList();
        sb.AppendLine(missed.Count == 0
            ? "Every target was met. The profile of the API phases, for reference:"
            : $"Missed: {string.Join("; ", missed.Select(v => $"{Plain(v.Target)} — {Plain(v.Detail)}"))}. The profile of the phases concerned" +
              (r.ReportCards is not null ? " (the report-card export's is in its own section below)" : "") + ":");
        sb.AppendLine();

        Explain(sb, r, "Evidence POST", r.Find("evidence-post", n), r.Find("raw-insert", n), "insert");
        if (r.Sizes.TryGetValue("mean evidence document size", out var evidenceSize) && r.Sizes.TryGetValue("mean competency state size", out var stateSize))
        {
            sb.AppendLine($"Each evidence POST appends its events and writes what it changed: the learner's summary (inline, no evidence in it; mean " +
                          $"{r.Sizes.GetValueOrDefault("mean learner summary size", "–")}), one evidence document (mean {evidenceSize}) and the state of each competency " +
                          $"it aligns to (mean {stateSize}); it reads the summary under the stream lock, the evidence with the same source id (unique index), and " +
                          "the touched competencies' states with their evidence. The raw insert writes one small row.");
            sb.AppendLine();
        }
        Explain(sb, r, "Flat cost: evidence POST, few prior evidence", r.Find("flat-few", n), null, "insert");
        Explain(sb, r, "Flat cost: evidence POST, many prior evidence", r.Find("flat-many", n), null, "insert");
        Explain(sb, r, "Progress GET", r.Find("progress-get", n), r.Find("raw-read", n), "key read");
        if (r.Find("progress-get", n) is { MeanBytes: > 0 } g)
        {
            sb.AppendLine($"Each progress GET answers {Bytes(g.MeanBytes)} of JSON (every competency of a {r.DataSet?.Competencies}-competency framework) from the stored " +
                          "state: the learner's summary (for placements) and their competency-state rows, with the framework from the node's cache; nothing is recomputed " +
                          "unless the framework was revised since a state was stored.");
            sb.AppendLine();
        }

        var k = cfg.IngestClients;
        Explain(sb, r, "Result batch ingestion", r.Find("batch-ingest", k), r.Find("raw-copy", k), "COPY", perRow: true);
        if (r.Find("batch-ingest", k) is not null && r.DataSet is not null)
        {
            var overlap = cfg.IngestBatchSize * Math.Max(1, cfg.IngestClients) > r.DataSet.SeededLearners
                ? string.Create(C, $" (With {r.DataSet.SeededLearners:N0} learners, {cfg.IngestClients} concurrent batches of {cfg.IngestBatchSize:N0} overlap on the same learners and wait for each other's row locks — `Lock:*` above; a larger roster avoids that.)")
                : "";
            sb.AppendLine(C, $"Each batch is grouped by learner and written {LearnersPerTransaction} learners per transaction: per learner a row lock on its stream, " +
                             $"the learner's document read, the decision for each of its items, the events appended and the whole inline-projected document rewritten; " +
                             $"the COPY writes each row once into a plain table (its only index the primary key) and commits once per batch.{overlap}");
            sb.AppendLine();
        }

        if (r.ApiMemory is { } m)
        {
            sb.AppendLine($"**Memory.** VmHWM {m.PeakRssMb} MB is the API process's peak resident set over the whole run (seeding included); VmRSS {m.RssMb} MB is after the last phase. " +
                             "The API runs with ASP.NET Core's default server GC, which sizes its heaps per core and returns memory lazily; " +
                             "`DOTNET_GCHeapHardLimit` or `DOTNET_gcServer=0` bound it if the target is missed." +
                          (r.ApiMemoryBeforeIngest is { } b ? $" Right before the batch phase (1 MB request bodies, {cfg.IngestBatchSize:N0} items answered at once) it was VmRSS {b.RssMb} MB, VmHWM {b.PeakRssMb} MB; the batch phase comes after the reads and writes, so a peak above that is its doing{(r.ApiMemoryBeforeReportCards is not null ? " or the report-card phase's" : "")}." : "") +
                          (r.ApiMemoryBeforeReportCards is { } rcm ? $" Right before the report-card phase (the last) it was VmRSS {rcm.RssMb} MB, VmHWM {rcm.PeakRssMb} MB; its own memory is measured export by export (below)." : ""));
            sb.AppendLine();
        }
        if (!r.PgStatStatements)
        {
            sb.AppendLine("(pg_stat_statements was not available on this PostgreSQL, so there is no per-statement breakdown.)");
            sb.AppendLine();
        }
    }

    private static void ReportCardsSection(StringBuilder sb, BenchConfig cfg, RunResults r)
    {
        if (r.ReportCards is not { } rc) return;
        sb.AppendLine("## Report-card export");
        sb.AppendLine();
        sb.AppendLine("A district SIS pulls a school's proficiency-based report cards for a reporting period: `GET /v1/groups/{groupId}/report-cards/{periodId}`, " +
                      "as one CSV streamed page by page (`Accept: text/csv`, one row per learner × competency) or as cursor-paginated JSON (one card per learner).");
        sb.AppendLine();
        var s = rc.Seed;
        sb.AppendLine(C, $"- Its own tenant (`{rc.Tenant}`), because a card shows every framework of the tenant: one framework of **{rc.Competencies} competencies** side by side " +
                         $"(no domain root, so each is one CSV row per learner; the first {rc.ProgressionSteps} form a progression), the district's scale and policy.");
        sb.AppendLine(C, $"- **{rc.Learners:N0} learners × {rc.EvidencePerLearner} evidence**, each aligned to {rc.Alignments} consecutive competencies (from a per-learner offset, so " +
                         $"{(rc.EvidencePerLearner * rc.Alignments >= rc.Competencies ? "every competency has a level for every learner" : $"about {Math.Min(100, 100.0 * rc.EvidencePerLearner * rc.Alignments / rc.Competencies):0}% of the competencies have a level")}), " +
                         $"happening 120 to about {110 / rc.EvidencePerLearner} days before the run, with feedback; seeded through `POST /v1/results/batches` at **{s.RowsPerSecond:N0} results/s** " +
                         $"({s.Ok:N0} batch{(s.Ok == 1 ? "" : "es")}, {s.Errors} failed; {s.Seconds:0} s){(s.TimeBounded ? " — **cut short by SEED_MAX_SECONDS**" : "")}." +
                         $"{(rc.Sizes.Count > 0 ? $" Stored: {string.Join("; ", rc.Sizes.Select(kv => $"{kv.Key} {kv.Value}"))}." : "")}");
        sb.AppendLine(C, $"- Groups (`PUT /v1/groups/{{id}}/members`): the school `{ReportCardBench.FullGroup}` of all {rc.Learners:N0} learners ({rc.GroupPutMs:0} ms to put), " +
                         $"`{ReportCardBench.QuarterGroup}` of the first {rc.QuarterLearners:N0}, and a warm-up section of {rc.WarmupLearners}.");
        sb.AppendLine(C, $"- Reporting period `{rc.PeriodCode}` from {rc.PeriodStart} to {rc.PeriodEnd}: **{(rc.PeriodClosed ? "closed" : "open")}**. " +
                         $"It covers all the evidence but ends after the run: a card shows what was *recorded* by the end of its period (service clock), so a closed period " +
                         $"would show neither the evidence nor the framework the run has just created.");
        sb.AppendLine();

        sb.AppendLine(C, $"Exports, one at a time on one connection, after a warm-up export of the section in each format: per format (CSV, then JSON) {rc.Series("csv", ReportCardBench.FullGroup).Count} rounds " +
                         $"of one export of the quarter and one of the whole school. CSV: time to the first and to the last byte of the stream; JSON: every page (`limit={rc.PageSize}`), " +
                         $"from the first request to the last byte of the last page, the client reading each page's `nextCursor` in between (first byte: the whole first page). " +
                         $"Memory: the API's resident set from `/proc/{{pid}}/status`, its peak (VmHWM) reset to the current VmRSS before each export (`/proc/{{pid}}/clear_refs`) " +
                         $"and read after it, VmRSS also sampled every 5 ms; *growth* = peak during the export − VmRSS right before it.");
        sb.AppendLine();
        sb.AppendLine("| export | learners | runs | p50 s | max s | per learner ms | first byte ms (p50) | rows / cards | size | pages | VmRSS before MB | growth MB (p50) | growth MB (max) |");
        sb.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var format in new[] { "csv", "json" })
        foreach (var group in new[] { ReportCardBench.FullGroup, ReportCardBench.QuarterGroup })
        {
            var runs = rc.Series(format, group);
            var label = $"{(format == "csv" ? "CSV (`Accept: text/csv`)" : $"JSON (`limit={rc.PageSize}`, every page)")}, {(group == ReportCardBench.FullGroup ? "**whole school**" : "a quarter of it")}";
            var ok = runs.Where(x => x.Ok).ToList();
            if (ok.Count == 0)
            {
                sb.AppendLine(C, $"| {label} | – | {runs.Count} (all failed) | – | – | – | – | – | – | – | – | – | – |");
                continue;
            }
            var p50 = ReportCardBench.Median(ok.Select(x => x.Ms).ToList());
            var mem = runs.Where(x => x.Memory is not null).Select(x => x.Memory!).ToList();
            sb.AppendLine(C, $"| {label} | {ok[0].Learners:N0} | {ok.Count}{(ok.Count < runs.Count ? $" ({runs.Count - ok.Count} failed)" : "")} | **{p50 / 1000:0.00}** | {ok.Max(x => x.Ms) / 1000:0.00} | {p50 / ok[0].Learners:0.00} | " +
                             $"{ReportCardBench.Median(ok.Select(x => x.FirstByteMs).ToList()):0} | {ok[0].Rows:N0} {(format == "csv" ? "rows" : "cards")} | {ok[0].Bytes / 1048576.0:0.0} MB | {ok[0].Pages} | " +
                             $"{(mem.Count == 0 ? "–" : $"{mem.Min(w => w.BeforeMb):0}–{mem.Max(w => w.BeforeMb):0}")} | {(mem.Count == 0 ? "–" : ReportCardBench.Median(mem.Select(w => w.GrowthMb).ToList()).ToString("0.0", C))} | " +
                             $"**{(mem.Count == 0 ? "–" : mem.Max(w => w.GrowthMb).ToString("0.0", C))}** |");
        }
        if (rc.RawReadMs.Count > 0)
        {
            var raw = ReportCardBench.Median(rc.RawReadMs);
            sb.AppendLine(C, $"| Raw PostgreSQL: the school's {rc.Learners:N0} learner documents by key, {ReportCardBench.StreamPage} per query, read whole | {rc.Learners:N0} | {rc.RawReadMs.Count} | **{raw / 1000:0.00}** | {rc.RawReadMs.Max() / 1000:0.00} | {raw / rc.Learners:0.00} | – | {rc.Learners:N0} documents | {rc.RawReadBytes / 1048576.0:0.0} MB | – | – | – | – |");
        }
        sb.AppendLine();
        foreach (var c in rc.Checks)
        {
            var total = Math.Max(1, c.Statuses.Values.Sum());
            sb.AppendLine(C, $"- Content of the whole school's {c.Format.ToUpperInvariant()} (first export): {c.Learners:N0} learners, {c.Rows:N0} learner × competency entries" +
                             $"{(c.Problem is null ? $" ({rc.Competencies} per learner, as expected)" : $" — **wrong: {c.Problem}**")}; statuses " +
                             $"{string.Join(", ", c.Statuses.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} {100.0 * kv.Value / total:0.#}%"))}.");
        }
        if (rc.Errors.Count > 0)
            foreach (var e in rc.Errors.Take(5)) sb.AppendLine(C, $"- **Failed export** ({e.Format}, {e.Group}): `{(e.Error ?? "").Replace('`', '\'').Replace('|', '/')}`");
        sb.AppendLine();

        if (rc.Previews.Count > 0)
        {
            sb.AppendLine(C, $"**Policy preview of the whole school** (`POST /v1/frameworks/{{id}}/policy-previews`, `highest` instead of the district's policy, nothing written; one warm-up each, then {cfg.ReportRepetitions} timed, one at a time). " +
                             $"Target: a school of 2,000 learners × 50 competencies previews in seconds.");
            sb.AppendLine();
            sb.AppendLine("| preview | learners | runs | p50 s | max s | per learner ms | size | rows / learners | VmRSS before MB | growth MB (p50) | growth MB (max) |");
            sb.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var format in new[] { "json", "csv" })
            {
                var runs = rc.Previews.Where(p => p.Format == format).ToList();
                var ok = runs.Where(p => p.Ok).ToList();
                var label = format == "csv" ? "CSV (`Accept: text/csv`, streamed)" : "JSON (totals and every learner)";
                if (ok.Count == 0) { sb.AppendLine(C, $"| {label} | – | {runs.Count} (all failed) | – | – | – | – | – | – | – | – |"); continue; }
                var p50 = ReportCardBench.Median(ok.Select(p => p.Ms).ToList());
                var mem = ok.Where(p => p.Memory is not null).Select(p => p.Memory!).ToList();
                sb.AppendLine(C, $"| {label} | {ok[0].Learners:N0} | {ok.Count}{(ok.Count < runs.Count ? $" ({runs.Count - ok.Count} failed)" : "")} | **{p50 / 1000:0.00}** | {ok.Max(p => p.Ms) / 1000:0.00} | {p50 / ok[0].Learners:0.00} | {ok[0].Bytes / 1048576.0:0.0} MB | {ok[0].Rows:N0} | " +
                                 $"{(mem.Count == 0 ? "–" : $"{mem.Min(w => w.BeforeMb):0}–{mem.Max(w => w.BeforeMb):0}")} | {(mem.Count == 0 ? "–" : ReportCardBench.Median(mem.Select(w => w.GrowthMb).ToList()).ToString("0.0", C))} | {(mem.Count == 0 ? "–" : mem.Max(w => w.GrowthMb).ToString("0.0", C))} |");
            }
            foreach (var e in rc.Previews.Where(p => !p.Ok).Take(3)) sb.AppendLine(C, $"- **Failed preview** ({e.Format}): `{(e.Error ?? "").Replace('`', '\'').Replace('|', '/')}`");
            sb.AppendLine();
        }

        var factor = rc.QuarterLearners > 0 ? (double)rc.Learners / rc.QuarterLearners : 0;
        var fullCsv = rc.Series("csv", ReportCardBench.FullGroup).FirstOrDefault(x => x.Ok);
        var fullJson = rc.Series("json", ReportCardBench.FullGroup).FirstOrDefault(x => x.Ok);
        sb.AppendLine(C, $"**Memory as the group grows.** Criterion: for CSV and for JSON, the largest growth during an export of the whole school ≤ {MemoryFlatFactor}× the largest during an export " +
                         $"of the quarter + {MemoryFlatSlackMb} MB; memory that grew with the group would give about {factor:0.#}× (an API that held the whole answer would need at least its size: " +
                         $"{(fullCsv is null ? "–" : $"{fullCsv.Bytes / 1048576.0:0.0} MB")} of CSV, {(fullJson is null ? "–" : $"{fullJson.Bytes / 1048576.0:0.0} MB")} of JSON, more as .NET strings and objects). " +
                         $"RSS is a coarse instrument: the API runs with server GC, which lets garbage pile up to its gen0 budget before collecting and keeps freed memory " +
                         $"committed, so an export's garbage counts as growth until a collection, and memory committed earlier can absorb what an export needs; the rounds " +
                         $"interleave the two sizes so that both meet the heap in the same states. .NET's server GC also adapts its heap count and budgets to the load (DATAS, on by default since .NET 9), " +
                         $"so a longer stretch of allocation (ten JSON pages rather than three) can grow the heap further without anything being retained; `DOTNET_GCDynamicAdaptationMode=0` " +
                         $"or workstation GC gives a different picture" +
                         $"{(r.Seed is not null ? $". The API held VmRSS {rc.ApiMemoryBefore?.RssMb} MB when this phase began (`PHASES=reportcards` measures on a fresh API)" : "")}.");
        sb.AppendLine();

        // CPU and SQL, per format series (both sizes).
        foreach (var format in new[] { "csv", "json" })
        {
            if (!rc.Cpu.TryGetValue(format, out var c)) continue;
            var learners = rc.Runs.Where(x => x.Format == format && x.Ok).Sum(x => (long)x.Learners);
            var exports = rc.Runs.Count(x => x.Format == format);
            if (learners == 0) continue;
            var perLearner = 1000.0 / learners;
            sb.AppendLine(C, $"**{format.ToUpperInvariant()} exports** ({exports} exports, {learners:N0} learner cards in {c.WallSeconds:0.0} s; the machine {c.Utilisation(r.Machine.Cores):P0} busy). CPU per learner: " +
                             $"the API process {c.ApiSeconds * perLearner:0.00} ms, PostgreSQL {c.PostgresSeconds * perLearner:0.00} ms, the load generator {c.BenchSeconds * perLearner:0.00} ms " +
                             $"(for the whole school: {c.ApiSeconds * perLearner * rc.Learners / 1000:0.00} s, {c.PostgresSeconds * perLearner * rc.Learners / 1000:0.00} s and {c.BenchSeconds * perLearner * rc.Learners / 1000:0.00} s). " +
                             $"{(c.ApiSeconds > c.PostgresSeconds ? "Most of the server-side cost is in the API process (computing the cards and writing them), not in the database." : "Most of the server-side cost is in PostgreSQL.")}");
            sb.AppendLine();
            if (rc.Statements.TryGetValue(format, out var top) && top.Count > 0)
            {
                sb.AppendLine("| share | calls | calls/export | mean ms | statement |");
                sb.AppendLine("| ---: | ---: | ---: | ---: | --- |");
                foreach (var t in top)
                    sb.AppendLine(C, $"| {t.Share:P0} | {t.Calls:N0} | {(double)t.Calls / Math.Max(1, exports):0.0} | {t.MeanMs:0.000} | `{t.Query.Replace('`', '\'').Replace("|", "\\|")}` |");
                sb.AppendLine();
            }
        }
        sb.AppendLine("Each page of 100 learners (CSV) or of `limit` learners (JSON) is one `LoadMany` of the learners' inline-projected documents; for each learner the API " +
                      "replays the record as of the period's end, runs the policy for every competency of every framework in force then, and writes the rows (CsvHelper into a " +
                      "string per page, then flushed) or serializes the page.");
        sb.AppendLine();
    }

    /// <summary>The API's learners per batch transaction (ResultIngestor.LearnersPerTransaction), for the profile's text.</summary>
    private const int LearnersPerTransaction = 32;

    private static void Explain(StringBuilder sb, RunResults r, string title, PhaseResult? api, PhaseResult? raw, string rawName, bool perRow = false)
    {
        if (api?.Cpu is not { } c) return;
        var cores = r.Machine.Cores;
        Func<PhaseResult, double, double> per = perRow ? static (p, s) => p.CpuMsPerRow(s) : static (p, s) => p.CpuMsPerOp(s);
        var unit = perRow ? "row" : "operation";
        var apiMs = per(api, c.ApiSeconds);
        var pgMs = per(api, c.PostgresSeconds);
        var benchMs = per(api, c.BenchSeconds);
        var busy = c.Utilisation(cores);
        var rowsPerOp = perRow && api.Ok > 0 ? (double)api.Rows / api.Ok : 1;
        var f = perRow ? "0.000" : "0.00";
        sb.AppendLine($"**{title} ×{api.Clients}** ({(perRow ? $"{api.RowsPerSecond:N0} rows/s in batches of {rowsPerOp:N0}; per batch" : $"{api.Throughput:N0}/s,")} p50 {api.P50Ms:0.0} ms, p99 {api.P99Ms:0.0} ms). The machine was {busy:P0} busy" +
                      (busy > 0.9 ? " — CPU-bound: the throughput is what the cores could do, shared between the processes" : "") + ". " +
                      $"Per {unit} the API process used {apiMs.ToString(f, C)} ms of CPU, PostgreSQL {pgMs.ToString(f, C)} ms and the load generator {benchMs.ToString(f, C)} ms" +
                      (raw?.Cpu is { } rc ? $"; {(perRow ? $"per row, the raw {rawName}" : $"one raw {rawName}")} cost PostgreSQL {per(raw, rc.PostgresSeconds).ToString(f, C)} ms and the load generator {per(raw, rc.BenchSeconds).ToString(f, C)} ms" : "") +
                      $". {(apiMs > pgMs ? "Most of the server-side cost is in the API process (the .NET side), not in the database." : "Most of the server-side cost is in PostgreSQL.")}");
        sb.AppendLine();

        // With N clients in a closed loop, mean latency = N / throughput (Little's law): latency targets are throughput targets.
        var serverMs = apiMs + pgMs;
        if (serverMs > 0)
        {
            var ceiling = cores * 1000 / (serverMs + benchMs); // per unit (operations or rows) per second
            var opsCeiling = ceiling / rowsPerOp;
            sb.AppendLine($"With {api.Clients} client{(api.Clients == 1 ? "" : "s")} in a closed loop, the mean latency is {api.Clients} / throughput (Little's law): {api.Clients / Math.Max(api.Throughput, 1e-9) * 1000:0.0} ms {(perRow ? "per batch " : "")}here. " +
                          $"At {(serverMs + benchMs).ToString(f, C)} ms of CPU per {unit} (API + PostgreSQL + load generator), {cores} cores can do at most ~{ceiling:N0} {unit}s/s on this machine, " +
                          $"i.e. a mean latency of at least ~{api.Clients / opsCeiling * 1000:0.0} ms {(perRow ? "per batch " : "")}at {api.Clients} client{(api.Clients == 1 ? "" : "s")}; the rest of the latency is queueing for the cores and waiting in the database.");
            sb.AppendLine();
        }
        if (api.Waits.Count > 0)
        {
            sb.AppendLine($"What the API's active database sessions were doing (sampled every 50 ms): {string.Join(", ", api.Waits.Select(w => $"{w.Event} {w.Share:P0}"))}." +
                          (raw is { Waits.Count: > 0 } ? $" During the raw {rawName}s: {string.Join(", ", raw.Waits.Select(w => $"{w.Event} {w.Share:P0}"))}." : "") +
                          " (`Client:ClientRead` = the session waits for its client, i.e. the API or load generator; `LWLock:WALWrite`/`IO:WALSync` = commit flushes; `Lock:*` = row locks.)");
            sb.AppendLine();
        }
        if (api.Statements.Count > 0)
        {
            sb.AppendLine("Top SQL statements by database time during the phase, warm-up included (pg_stat_statements):");
            sb.AppendLine();
            sb.AppendLine($"| share | calls | calls/{(perRow ? "row" : "request")} | mean ms | statement |");
            sb.AppendLine("| ---: | ---: | ---: | ---: | --- |");
            var ops = Math.Max(1, (api.Ok + api.Errors + api.Warmup) * rowsPerOp);
            foreach (var s in api.Statements)
                sb.AppendLine(C, $"| {s.Share:P0} | {s.Calls:N0} | {(double)s.Calls / ops:0.00} | {s.MeanMs:0.000} | `{s.Query.Replace('`', '\'').Replace("|", "\\|")}` |");
            sb.AppendLine();
        }
    }

    private static string Bytes(double b) => b switch
    {
        <= 0 => "–",
        < 1024 => $"{b:0} B",
        _ => string.Create(C, $"{b / 1024:0.0} KB"),
    };
}
