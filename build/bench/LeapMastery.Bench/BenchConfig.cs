namespace LeapMastery.Bench;

/// <summary>Everything the run is told, from environment variables (build/bench/run sets them; defaults are the issue's).</summary>
public sealed record BenchConfig
{
    public string Mode { get; init; } = "full";
    public bool IsSmoke => Mode == "smoke";
    public string ApiUrl { get; init; } = "";
    public int ApiPid { get; init; }
    public string OperatorId { get; init; } = "";
    public string OperatorSecret { get; init; } = "";
    /// <summary>Connection string to the cluster's maintenance database (the baseline gets its own database beside the API's).</summary>
    public string PgAdmin { get; init; } = "";
    public string ApiDatabase { get; init; } = "leapmastery";
    public string Output { get; init; } = "";
    public string? JsonOutput { get; init; }
    public string DotnetSdk { get; init; } = "";
    public string PgDataFileSystem { get; init; } = "";

    public int Learners { get; init; } = 10_000;
    public int Competencies { get; init; } = 200;
    public int EvidencePerLearner { get; init; } = 20;
    public int SeedClients { get; init; } = 4;
    /// <summary>Results per seeding batch (whole learners per batch: this divided by EVIDENCE_PER_LEARNER, at least one).</summary>
    public int SeedBatchSize { get; init; } = 1_000;
    public int IngestBatches { get; init; } = 20;
    public int IngestBatchSize { get; init; } = 1_000;
    public int IngestClients { get; init; } = 4;
    /// <summary>The flat-cost phase: learners with <see cref="FlatFewPrior"/> prior evidence, and learners with <see cref="FlatManyPrior"/>.</summary>
    public int FlatFewLearners { get; init; } = 2_000;
    public int FlatManyLearners { get; init; } = 200;
    public int FlatFewPrior { get; init; } = 10;
    public int FlatManyPrior { get; init; } = 200;
    /// <summary>Evidence POSTs at <see cref="Clients"/> clients for each of the two cohorts.</summary>
    public int FlatRequests { get; init; } = 3_000;
    public int Clients { get; init; } = 32;
    public int PostRequests1 { get; init; } = 2_000;
    public int PostRequestsN { get; init; } = 20_000;
    public int GetRequests1 { get; init; } = 2_000;
    public int GetRequestsN { get; init; } = 20_000;
    public int WarmupRequests { get; init; } = 500;
    public int PhaseMaxSeconds { get; init; } = 180;
    public int SeedMaxSeconds { get; init; } = 5_400;

    /// <summary>The phases to run (PHASES: a comma-separated subset of <see cref="AllPhases"/>, or "all").</summary>
    public IReadOnlySet<string> Phases { get; init; } = new HashSet<string>(AllPhases);
    /// <summary>Learners of the report-card school (the quarter group holds a quarter of them); 0 skips the phase.</summary>
    public int ReportLearners { get; init; } = 2_000;
    /// <summary>Competencies of the report-card framework (no domain root: every one is a row of the CSV).</summary>
    public int ReportCompetencies { get; init; } = 50;
    public int ReportEvidencePerLearner { get; init; } = 5;
    /// <summary>Competencies each report-card evidence is aligned to.</summary>
    public int ReportAlignments { get; init; } = 10;
    /// <summary>Timed exports of the full group, per format.</summary>
    public int ReportRepetitions { get; init; } = 5;
    /// <summary>Learners per JSON page (the API's limit is 1 to 200).</summary>
    public int ReportPageSize { get; init; } = 200;

    /// <summary>progress: raw read / progress GET; evidence: raw insert / evidence POST; ingest: COPY / result batches; reportcards: group report-card export.</summary>
    public static readonly string[] AllPhases = ["progress", "evidence", "flatcost", "ingest", "reportcards"];

    public bool Runs(string phase) => Phases.Contains(phase);

    /// <summary>Whether the district data set (the 200-competency framework and its learners) is needed: by every phase but the report cards.</summary>
    public bool NeedsDistrict => Runs("progress") || Runs("evidence") || Runs("flatcost") || Runs("ingest");

    public bool AllPhasesRun => AllPhases.All(Runs);

    /// <summary>The API's limit of items per <c>POST /v1/results/batches</c>.</summary>
    public const int MaxBatchItems = 5_000;

    public static BenchConfig FromEnvironment() => new()
    {
        Mode = Env("BENCH_MODE", "full"),
        ApiUrl = Env("BENCH_API_URL", "").TrimEnd('/'),
        ApiPid = Int("BENCH_API_PID", 0),
        OperatorId = Env("BENCH_OPERATOR_ID", ""),
        OperatorSecret = Env("BENCH_OPERATOR_SECRET", ""),
        PgAdmin = Env("BENCH_PG_ADMIN", ""),
        ApiDatabase = Env("BENCH_API_DB", "leapmastery"),
        Output = Env("BENCH_OUTPUT", "benchmarks.md"),
        JsonOutput = Environment.GetEnvironmentVariable("BENCH_JSON_OUTPUT"),
        DotnetSdk = Env("BENCH_DOTNET_SDK", ""),
        PgDataFileSystem = Env("BENCH_PG_DATA_FS", "unknown"),
        Learners = Int("LEARNERS", 10_000),
        Competencies = Int("COMPETENCIES", 200),
        EvidencePerLearner = Int("EVIDENCE_PER_LEARNER", 20),
        SeedClients = Int("SEED_CLIENTS", 4),
        SeedBatchSize = Int("SEED_BATCH_SIZE", 1_000),
        IngestBatches = Int("INGEST_BATCHES", 20),
        IngestBatchSize = Int("INGEST_BATCH_SIZE", 1_000),
        IngestClients = Int("INGEST_CLIENTS", 4),
        FlatFewLearners = Int("FLAT_FEW_LEARNERS", 2_000),
        FlatManyLearners = Int("FLAT_MANY_LEARNERS", 200),
        FlatFewPrior = Int("FLAT_FEW_PRIOR", 10),
        FlatManyPrior = Int("FLAT_MANY_PRIOR", 200),
        FlatRequests = Int("FLAT_REQUESTS", 3_000),
        Clients = Int("CLIENTS", 32),
        PostRequests1 = Int("POST_REQUESTS_1", 2_000),
        PostRequestsN = Int("POST_REQUESTS_32", 20_000),
        GetRequests1 = Int("GET_REQUESTS_1", 2_000),
        GetRequestsN = Int("GET_REQUESTS_32", 20_000),
        WarmupRequests = Int("WARMUP_REQUESTS", 500),
        PhaseMaxSeconds = Int("PHASE_MAX_SECONDS", 180),
        SeedMaxSeconds = Int("SEED_MAX_SECONDS", 5_400),
        Phases = ParsePhases(Env("PHASES", "all")),
        ReportLearners = Int("REPORT_LEARNERS", 2_000),
        ReportCompetencies = Int("REPORT_COMPETENCIES", 50),
        ReportEvidencePerLearner = Int("REPORT_EVIDENCE_PER_LEARNER", 5),
        ReportAlignments = Int("REPORT_ALIGNMENTS", 10),
        ReportRepetitions = Int("REPORT_REPETITIONS", 5),
        ReportPageSize = Int("REPORT_PAGE_SIZE", 200),
    };

    private static HashSet<string> ParsePhases(string value)
    {
        var names = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(n => n.ToLowerInvariant()).ToList();
        if (names.Contains("all")) return new HashSet<string>(AllPhases);
        var unknown = names.Where(n => !AllPhases.Contains(n)).ToList();
        if (unknown.Count > 0 || names.Count == 0)
            throw new InvalidOperationException($"PHASES={value}: use \"all\" or a comma-separated list of {string.Join(", ", AllPhases)}.");
        return new HashSet<string>(names);
    }

    public void Validate()
    {
        var missing = new List<string>();
        if (ApiUrl.Length == 0) missing.Add("BENCH_API_URL");
        if (ApiPid <= 0) missing.Add("BENCH_API_PID");
        if (OperatorId.Length == 0) missing.Add("BENCH_OPERATOR_ID");
        if (OperatorSecret.Length == 0) missing.Add("BENCH_OPERATOR_SECRET");
        if (PgAdmin.Length == 0) missing.Add("BENCH_PG_ADMIN");
        if (missing.Count > 0)
            throw new InvalidOperationException($"Missing {string.Join(", ", missing)}: run the benchmark through build/bench/run.");
        if (Learners < 1 || Competencies < 2 || EvidencePerLearner < 1 || Clients < 1 || SeedClients < 1)
            throw new InvalidOperationException("LEARNERS, EVIDENCE_PER_LEARNER, CLIENTS and SEED_CLIENTS must be ≥ 1 and COMPETENCIES ≥ 2.");
        if (EvidencePerLearner > MaxBatchItems)
            throw new InvalidOperationException($"EVIDENCE_PER_LEARNER must be ≤ {MaxBatchItems}: a seeding batch holds whole learners.");
        if (SeedBatchSize is < 1 or > MaxBatchItems || IngestBatchSize is < 1 or > MaxBatchItems)
            throw new InvalidOperationException($"SEED_BATCH_SIZE and INGEST_BATCH_SIZE must be 1 to {MaxBatchItems} (the API's limit per batch).");
        if (IngestBatches < 0 || IngestClients < 1)
            throw new InvalidOperationException("INGEST_BATCHES must be ≥ 0 (0 skips the phase) and INGEST_CLIENTS ≥ 1.");
        if (ReportLearners < 0 || ReportCompetencies < 1 || ReportEvidencePerLearner < 1 || ReportAlignments < 1 || ReportRepetitions < 1)
            throw new InvalidOperationException("REPORT_LEARNERS must be ≥ 0 (0 skips the phase); REPORT_COMPETENCIES, REPORT_EVIDENCE_PER_LEARNER, REPORT_ALIGNMENTS and REPORT_REPETITIONS ≥ 1.");
        if (ReportLearners > 50_000)
            throw new InvalidOperationException("REPORT_LEARNERS must be ≤ 50,000 (the API's limit of members per group).");
        if (ReportPageSize is < 1 or > 200)
            throw new InvalidOperationException("REPORT_PAGE_SIZE must be 1 to 200 (the API's limit per page).");
        if (ReportAlignments > 200 || ReportEvidencePerLearner > MaxBatchItems)
            throw new InvalidOperationException($"REPORT_ALIGNMENTS must be ≤ 200 (the API's limit per evidence) and REPORT_EVIDENCE_PER_LEARNER ≤ {MaxBatchItems}.");
    }

    private static string Env(string name, string fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : fallback;

    private static int Int(string name, int fallback) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } v
            ? int.TryParse(v.Replace("_", ""), out var n) ? n : throw new InvalidOperationException($"{name}={v} is not a whole number.")
            : fallback;
}
