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

/// <summary>Writes docs/benchmarks.md (or the smoke report): targets, machine, data set, results, profile, method, how to run.</summary>
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

    public static string Render(BenchConfig cfg, RunResults? r)
    {
        var sb = new StringBuilder();
        var n = cfg.Clients;
        sb.AppendLine("# Benchmarks");
        sb.AppendLine();
        if (r is null)
        {
            sb.AppendLine("> Not measured yet. `build/bench/run` overwrites this file with the results of a full run (the machine, the data");
            sb.AppendLine("> set, every phase, the targets and what the profile shows). A smoke run (`build/bench/run --smoke`) writes");
            sb.AppendLine("> `build/bench/results/` instead and never touches this file.");
        }
        else
        {
            sb.AppendLine(C, $"> Written by `build/bench/run{(cfg.IsSmoke ? " --smoke" : "")}` on {r.StartedUtc:yyyy-MM-dd HH:mm} UTC " +
                             $"({(cfg.IsSmoke ? "**smoke run: a tiny data set, only to check the harness; not a result**" : cfg.AllPhasesRun ? "full run" : $"**partial run: PHASES={string.Join(",", BenchConfig.AllPhases.Where(cfg.Runs))}**")}; " +
                             $"{(r.FinishedUtc - r.StartedUtc).TotalMinutes:0.0} minutes). Each full run overwrites this file.");
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
        Method(sb, cfg);
        MartenNotes(sb);
        HowToRun(sb);
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

    private static void Method(StringBuilder sb, BenchConfig cfg)
    {
        var n = cfg.Clients;
        sb.AppendLine("## Method");
        sb.AppendLine();
        sb.AppendLine("- **Everything runs on one machine.** The API, PostgreSQL and the load generator share the same cores (two on the machine this");
        sb.AppendLine("  was written for). They compete for CPU, which depresses the absolute numbers well below what a server with a separate");
        sb.AppendLine("  database and load generator would show: **the ratios to the raw-PostgreSQL baseline of the same run are the meaningful");
        sb.AppendLine("  part**, and absolute numbers from different machines should not be compared. The CPU-per-operation table says who used the cores.");
        sb.AppendLine("- **PostgreSQL** is a throw-away cluster created by `build/bench/run` from the machine's binaries (`build/lib/postgres.sh`), in its");
        sb.AppendLine("  own temp directory on a free port, removed at exit. `fsync`, `synchronous_commit` and `full_page_writes` are left at their");
        sb.AppendLine("  defaults (on), so every commit waits for its WAL flush: the baseline and the API pay the same durability cost. Only");
        sb.AppendLine("  `max_connections` is raised (300), and `pg_stat_statements` is preloaded when installed, for the profile (its small overhead");
        sb.AppendLine("  applies to both sides). The API and the baseline use separate databases of the same cluster.");
        sb.AppendLine("- **The API** is built in Release and started as `dotnet LeapMastery.Api.dll` with `ASPNETCORE_ENVIRONMENT=Production`,");
        sb.AppendLine("  logging at Warning, its own signing key and operator client; the run waits for `GET /health/ready` = 200.");
        sb.AppendLine("- **The load generator** (`build/bench/LeapMastery.Bench`, a .NET console app with workstation, non-concurrent GC and a thread");
        sb.AppendLine("  pool that does not spin, so it takes less CPU from the others) runs N clients as async workers, each sending one request at a time with no think time (a closed");
        sb.AppendLine("  loop), over one `HttpClient` with `SocketsHttpHandler` (HTTP/1.1 keep-alive, enough connections for every client).");
        sb.AppendLine(C, $"- **Seeding** goes through the real API's batch ingestion (`POST /v1/results/batches`): each batch holds whole learners");
        sb.AppendLine(C, $"  (`SEED_BATCH_SIZE` = {cfg.SeedBatchSize:N0} results divided by the evidence per learner) with every one of their evidence in order,");
        sb.AppendLine(C, $"  {cfg.SeedClients} batch{(cfg.SeedClients == 1 ? "" : "es")} at a time, so concurrent batches hit different learners. The stored data set is the same as posting");
        sb.AppendLine("  each evidence on its own. Afterwards: `VACUUM ANALYZE` and `CHECKPOINT`.");
        sb.AppendLine(C, $"- **Phases**, each with a warm-up of {cfg.WarmupRequests} requests that is not recorded, then a fixed number of requests, stopped early");
        sb.AppendLine(C, $"  if it runs longer than {cfg.PhaseMaxSeconds} s (marked \"time bound\"); a `CHECKPOINT` and a 2-second pause before each, so no");
        sb.AppendLine("  phase pays for another's dirty pages or background work. Reads first, on the data set as seeded, then writes; the raw baseline right before the API phase it is compared with:");
        sb.AppendLine(C, $"  1. raw read ×1, progress GET ×1 ({cfg.GetRequests1:N0} each), raw read ×{n}, progress GET ×{n} ({cfg.GetRequestsN:N0} each);");
        sb.AppendLine(C, $"  2. raw insert ×1, evidence POST ×1 ({cfg.PostRequests1:N0} each), raw insert ×{n}, evidence POST ×{n} ({cfg.PostRequestsN:N0} each);");
        sb.AppendLine(C, $"  3. last, so the phases above run as they did before it existed: raw COPY ×1, result batches ×1, raw COPY ×{cfg.IngestClients}, result batches ×{cfg.IngestClients}");
        sb.AppendLine(C, $"     ({cfg.IngestBatches:N0} batches of {cfg.IngestBatchSize:N0} rows each; the warm-up here is one batch per client);");
        sb.AppendLine(C, $"  4. last, the school's report-card export on its own tenant (see [Report-card export](#report-card-export)): seeding, a warm-up export");
        sb.AppendLine(C, $"     per format, then per format {cfg.ReportRepetitions} rounds of (a quarter of the school, the whole school), each export watched for memory, and");
        sb.AppendLine(C, $"     {cfg.ReportRepetitions} raw reads of the school's learner documents; a `CHECKPOINT` and a 2-second pause before each series.");
        sb.AppendLine("  `PHASES` runs a subset (`progress`, `evidence`, `flatcost`, `ingest`, `reportcards`); a partial run never writes this file.");
        sb.AppendLine(C, $"- **Flat cost**: two more cohorts seeded through batches, {cfg.FlatFewLearners:N0} learners with {cfg.FlatFewPrior} prior evidence and {cfg.FlatManyLearners:N0} with");
        sb.AppendLine(C, $"  {cfg.FlatManyPrior} (the seed's spread over each learner's home progression), then {cfg.FlatRequests:N0} evidence POSTs at {cfg.Clients} clients for each; the");
        sb.AppendLine("  target compares the API's and PostgreSQL's CPU per POST of the two.");
        sb.AppendLine("- **Evidence POST** sends a new piece of evidence (fresh source id, 1–3 alignments) for a random seeded learner: the API resolves");
        sb.AppendLine("  the alignments against the tenant's frameworks, locks the learner's stream (`FetchForExclusiveWriting`), decides, appends the");
        sb.AppendLine("  events, the summary (inline), the evidence document and the touched competencies' states, all in one transaction.");
        sb.AppendLine("- **Raw insert** (the baseline for POST): one `INSERT` per transaction (autocommit) into a plain table — `id uuid primary key,");
        sb.AppendLine("  tenant text, learner text, occurred_at timestamptz, payload jsonb` — whose payload is an evidence body generated exactly like");
        sb.AppendLine("  the POSTs' (same size), through Npgsql on pooled connections (1 or N), same request counts.");
        sb.AppendLine(C, $"- **Result batches** (\"Assessments, attempts and LMS result ingestion\"): `POST /v1/results/batches` with {cfg.IngestBatchSize:N0} new results");
        sb.AppendLine("  (fresh source ids; the same evidence bodies as the POSTs plus `learnerId`), each batch the next learners of the roster in turn,");
        sb.AppendLine("  one result each while a batch is smaller than the roster, so concurrent batches touch different learners. The API validates");
        sb.AppendLine(C, $"  and resolves every item, groups them by learner and writes {LearnersPerTransaction} learners per transaction (row lock on each stream, decide, append,");
        sb.AppendLine("  stored state), retrying a transaction on transient failures; a batch counts as done when the answer says every item was");
        sb.AppendLine("  stored (otherwise it is a failed batch). Throughput is rows (results) per second; latency is per batch. All batches are");
        sb.AppendLine("  generated before the phase, so the load generator only sends them.");
        sb.AppendLine("- **Raw COPY** (the baseline for result batches): the very same rows — learner, time, and the item's JSON as the `jsonb` payload —");
        sb.AppendLine("  into the raw-insert table, one `COPY … FROM STDIN (FORMAT BINARY)` per batch (Npgsql's `BeginBinaryImport`, committed as one");
        sb.AppendLine("  statement) on pooled connections (1 or N), right before the API phase, same batch count and size.");
        sb.AppendLine("- **Progress GET** reads `GET /v1/learners/{id}/progress` for a random seeded learner: every competency's status and level");
        sb.AppendLine("  and every progression's position, served from the stored competency states.");
        sb.AppendLine("- **Raw read** (the reference for GET): `SELECT data -> 'state'` of that same learner's competency-state rows by their learner");
        sb.AppendLine("  key (an indexed column): the stored progress the API serves (the rows also hold the observations writes recompute from).");
        sb.AppendLine("- **Report-card export**: `GET /v1/groups/{groupId}/report-cards/{periodId}` by one client, one export at a time: CSV with `Accept: text/csv`,");
        sb.AppendLine("  read as a stream (time to the first and to the last byte, bytes, rows); JSON with `limit` learners per page, following `nextCursor` to the");
        sb.AppendLine("  end (total time, pages, cards). The first export of the whole school in each format is checked: one row (or competency entry) per");
        sb.AppendLine("  learner × competency, every member present; a failed or wrong export fails the run. **Raw read** (its reference): the same learners'");
        sb.AppendLine("  summaries and evidence documents by key, 100 learners per query, read whole — what the export starts from.");
        sb.AppendLine("- **Memory**: VmRSS and VmHWM of the API process from `/proc/<pid>/status` after the last phase (VmHWM is the peak over the run); around");
        sb.AppendLine("  each report-card export, VmHWM reset through `/proc/<pid>/clear_refs` before it and read after it, and VmRSS sampled every 5 ms (the");
        sb.AppendLine("  run's peak is then the larger of the final VmHWM and the largest VmHWM read before a reset).");
        sb.AppendLine("- **Percentiles** are nearest-rank over every successful request of the measured window; errors are counted apart.");
        sb.AppendLine("- **CPU per operation** comes from `/proc`: the API process's and every `postgres` process's user + system time, the load");
        sb.AppendLine("  generator's own, and the machine's busy time; \"other\" is the rest (kernel threads, and anything else running on the");
        sb.AppendLine(C, $"  machine). The report warns when the machine was busy before the run or \"other\" exceeds {QuietThreshold:P0} of a phase's CPU.");
        sb.AppendLine();
    }

    private static void MartenNotes(StringBuilder sb)
    {
        sb.AppendLine("## Marten's performance options and this API");
        sb.AppendLine();
        sb.AppendLine("Marten's documentation page *Optimizing for Performance and Scalability* (martendb.io/events/optimizing.html) lists the options");
        sb.AppendLine("below. What it says, and where the API stands today:");
        sb.AppendLine();
        sb.AppendLine("- **Quick append** (`opts.Events.AppendMode = EventAppendMode.Quick`): \"the *much* faster workflow for appending events at the");
        sb.AppendLine("  cost of *some* loss of metadata usage for inline projections\". Marten 9 made `QuickWithServerTimestamps` the default, and the");
        sb.AppendLine("  profile of an evidence POST shows `mt_quick_append_events`. The one inline learner projection (the summary) needs neither version");
        sb.AppendLine("  nor sequence: the writer locks the stream row instead of checking versions. *In use.*");
        sb.AppendLine("- **`FetchForWriting` / `FetchForExclusiveWriting` with the identity map**: the writer uses `FetchForExclusiveWriting<LearnerSummary>`,");
        sb.AppendLine("  which locks the stream row and loads the small inline summary; nothing mutates the fetched aggregate.");
        sb.AppendLine("- **`CacheAggregatesForWriting<T>`** (9.26+): a node-local cache of aggregates for `FetchForWriting`. *Not used*: the summary is");
        sb.AppendLine("  small, and the read that matters is the row lock, which a cache cannot replace across nodes.");
        sb.AppendLine("- **Per learner × competency documents** instead of `FlatTableProjection`: the state is computed by the domain under the");
        sb.AppendLine("  framework's policy (a projection cannot see the framework), so the writer stores it with `session.Store` in the same transaction.");
        sb.AppendLine("- **Natural keys**: idempotency by (sourceSystem, sourceId) is a computed unique index on the evidence documents (per learner, per");
        sb.AppendLine("  tenant), looked up with one indexed query; Marten's natural-key feature keys *streams*, and learner streams are keyed by learner.");
        sb.AppendLine("- **Bulk inserts** (`BulkInsertEventsAsync`, `BulkInsertAsync`): *not used* — they start new streams only and skip inline");
        sb.AppendLine("  projections and unique checks, which a batch needs (learners already exist; an item may repeat a stored one). A batch writes");
        sb.AppendLine("  many learners per transaction, and Marten sends the transaction's statements in one batched round trip.");
        sb.AppendLine("- **Sessions**: lightweight sessions for writes, query sessions for reads.");
        sb.AppendLine("- The write path's trade-offs are written down in docs/learner-writes.md.");
        sb.AppendLine();
    }

    private static void HowToRun(StringBuilder sb)
    {
        sb.AppendLine("## How to run");
        sb.AppendLine();
        sb.AppendLine("```bash");
        sb.AppendLine("build/bench/run            # full run: writes docs/benchmarks.md (tens of minutes on two cores)");
        sb.AppendLine("build/bench/run --smoke    # harness check: ~200 learners, a few thousand requests, a few batches; writes build/bench/results/");
        sb.AppendLine("LEARNERS=20000 POST_REQUESTS_32=50000 build/bench/run   # any scale setting by environment variable");
        sb.AppendLine("INGEST_BATCHES=50 INGEST_CLIENTS=8 build/bench/run     # more or wider batch ingestion");
        sb.AppendLine("PHASES=reportcards build/bench/run                     # only the report-card export (a few minutes; writes build/bench/results/)");
        sb.AppendLine("```");
        sb.AppendLine();
        sb.AppendLine("It needs the .NET 10 SDK and PostgreSQL server binaries (installed from Debian's packages when missing, as for `build/run`);");
        sb.AppendLine("it starts and removes its own PostgreSQL cluster and API on free ports (never 5080 or 55432), also on Ctrl-C or error.");
        sb.AppendLine("Settings (full-run default / `--smoke` default):");
        sb.AppendLine();
        sb.AppendLine("| variable | meaning | full | smoke |");
        sb.AppendLine("| --- | --- | ---: | ---: |");
        sb.AppendLine("| `LEARNERS` | learners seeded | 10000 | 200 |");
        sb.AppendLine("| `COMPETENCIES` | competencies in the framework (domain root included) | 200 | 200 |");
        sb.AppendLine("| `EVIDENCE_PER_LEARNER` | evidence seeded per learner | 20 | 5 |");
        sb.AppendLine("| `SEED_CLIENTS` | concurrent result batches while seeding | 4 | 4 |");
        sb.AppendLine("| `SEED_BATCH_SIZE` | results per seeding batch (whole learners: rounded down to a multiple of `EVIDENCE_PER_LEARNER`) | 1000 | 1000 |");
        sb.AppendLine("| `CLIENTS` | the \"many clients\" level of each phase | 32 | 32 |");
        sb.AppendLine("| `POST_REQUESTS_1`, `POST_REQUESTS_32` | evidence POSTs (and raw inserts) measured at 1 and at `CLIENTS` clients | 2000, 20000 | 300, 2000 |");
        sb.AppendLine("| `GET_REQUESTS_1`, `GET_REQUESTS_32` | progress GETs (and raw reads) measured at 1 and at `CLIENTS` clients | 2000, 20000 | 300, 2000 |");
        sb.AppendLine("| `INGEST_BATCHES` | result batches (and COPYs) measured at 1 and at `INGEST_CLIENTS` clients; 0 skips the phase | 20 | 4 |");
        sb.AppendLine("| `INGEST_BATCH_SIZE` | results (rows) per batch, 1 to 5000 | 1000 | 1000 |");
        sb.AppendLine("| `INGEST_CLIENTS` | the \"several clients\" level of the batch phase | 4 | 4 |");
        sb.AppendLine("| `WARMUP_REQUESTS` | unrecorded warm-up requests before each phase | 500 | 50 |");
        sb.AppendLine("| `PHASE_MAX_SECONDS` | time bound of each measured phase | 180 | 30 |");
        sb.AppendLine("| `PHASES` | `all`, or a comma-separated subset of `progress`, `evidence`, `ingest`, `reportcards`; a partial run writes `build/bench/results/` | all | all |");
        sb.AppendLine("| `REPORT_LEARNERS` | learners of the report-card school (the quarter group has a quarter of them); 0 skips the phase | 2000 | 200 |");
        sb.AppendLine("| `REPORT_COMPETENCIES` | competencies of the report-card framework (CSV rows per learner) | 50 | 50 |");
        sb.AppendLine("| `REPORT_EVIDENCE_PER_LEARNER`, `REPORT_ALIGNMENTS` | evidence per learner, competencies per evidence | 5, 10 | 5, 10 |");
        sb.AppendLine("| `REPORT_REPETITIONS` | rounds per format of (quarter, whole school) exports; also the raw reads | 5 | 2 |");
        sb.AppendLine("| `REPORT_PAGE_SIZE` | learners per JSON page, 1 to 200 | 200 | 200 |");
        sb.AppendLine("| `SEED_MAX_SECONDS` | time bound of the seeding | 5400 | 120 |");
        sb.AppendLine();
        sb.AppendLine("The raw results of the last run are also written as JSON to `build/bench/results/benchmarks-<full|smoke>.json` (git-ignored).");
        sb.AppendLine("The command fails (exit 3) when more than 1% of any phase's requests failed — a harness or API problem, not a missed target.");
    }

    private static string Bytes(double b) => b switch
    {
        <= 0 => "–",
        < 1024 => $"{b:0} B",
        _ => string.Create(C, $"{b / 1024:0.0} KB"),
    };
}
