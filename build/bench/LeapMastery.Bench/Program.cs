using System.Text.Json;
using LeapMastery.Bench;

// The benchmark's load generator: seeds a district-shaped data set through the API's batch ingestion, measures evidence
// POST, progress GET and result-batch ingestion over HTTP against raw PostgreSQL inserts, reads and COPY in the same run,
// then a school's report-card export (CSV and JSON) and the API's memory around it, and writes the results: as JSON, and as
// tables into the block between the markers of docs/benchmarks.md (a full run) or into a report of their own (smoke, partial).
// Run via build/bench/run; PHASES picks a subset of the phases.
//   LeapMastery.Bench                       (configured by the environment build/bench/run sets)
//   LeapMastery.Bench --template <file>     (empties the results block of a report such as docs/benchmarks.md)

if (args.Length == 2 && args[0] == "--template")
{
    // Empties the results block of an existing report (its hand-written text is kept).
    var document = await File.ReadAllTextAsync(args[1]);
    await File.WriteAllTextAsync(args[1], Report.Splice(document, Report.RenderResults(BenchConfig.FromEnvironment() with { Mode = "full" }, null)));
    Console.WriteLine($"Emptied the results block of {args[1]}");
    return 0;
}

try
{
    return await Bench.RunAsync(BenchConfig.FromEnvironment());
}
catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or Npgsql.NpgsqlException or IOException)
{
    Console.Error.WriteLine($"Benchmark error: {ex.Message}");
    return 1;
}

internal static class Bench
{
    public static async Task<int> RunAsync(BenchConfig cfg)
    {
        cfg.Validate();
        var maxClients = Math.Max(cfg.Clients, Math.Max(cfg.SeedClients, cfg.IngestClients));
        ThreadPool.SetMinThreads(maxClients + 8, maxClients + 8);
        var started = DateTime.UtcNow;
        var machine = MachineInfo.Read(cfg.DotnetSdk);
        var maxDuration = TimeSpan.FromSeconds(cfg.PhaseMaxSeconds);

        using var http = Http.Create(cfg.ApiUrl, cfg.Clients);
        // Result batches take seconds, not milliseconds: their own connections and a five-minute timeout.
        using var batchHttp = Http.Create(cfg.ApiUrl, Math.Max(cfg.SeedClients, cfg.IngestClients), TimeSpan.FromMinutes(5));
        var api = new LeapApi(http, batchHttp);
        await using var pg = new Postgres(cfg.PgAdmin, cfg.ApiDatabase, maxClients);
        var pgVersion = await pg.VersionAsync();
        var pgSettings = await pg.SettingsAsync("fsync", "synchronous_commit", "full_page_writes", "wal_level", "shared_buffers", "max_wal_size", "max_connections");
        Console.WriteLine($"Machine: {machine.Cores} cores, {machine.CpuModel}, {machine.MemoryMb} MB; {machine.DotnetRuntime}; PostgreSQL {pgVersion}");

        // Is the machine quiet? Three seconds with the API idle: whatever keeps the cores busy now will also compete with the run.
        var quietBefore = CpuSnapshot.Take(cfg.ApiPid);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var quiet = CpuSnapshot.Between(quietBefore, CpuSnapshot.Take(cfg.ApiPid));
        var busyBefore = quiet.Utilisation(machine.Cores);
        Console.WriteLine($"Machine busy before the run: {busyBefore:P0} of {machine.Cores} cores{(busyBefore > Report.QuietThreshold ? " — NOT QUIET: other processes will depress the numbers" : "")}");

        // 1. A tenant from the operator, and its admin client's token (refreshed before its 15-minute expiry).
        var tenant = $"bench-{started:yyyyMMdd-HHmmss}";
        var operatorTokens = new TokenSource(http, cfg.OperatorId, cfg.OperatorSecret);
        await pg.CreateBaselineAsync();
        Console.WriteLine($"Phases: {string.Join(", ", BenchConfig.AllPhases.Where(cfg.Runs))}");
        var district = cfg.NeedsDistrict ? await District(cfg, api, operatorTokens, pg, tenant, maxDuration) : null;

        // 7. The school's report-card export (issue 6): its own tenant, last, so every phase above runs as it did before it existed.
        var memoryBeforeReportCards = ProcessMemory.Read(cfg.ApiPid);
        var reportCards = cfg.Runs("reportcards") && cfg.ReportLearners > 0
            ? await new ReportCardBench(cfg, http, batchHttp, pg).RunAsync(operatorTokens, tenant)
            : null;

        // 8. The API's memory after the runs; its peak over the run, though the report-card phase resets VmHWM around each export.
        var memory = ProcessMemory.Read(cfg.ApiPid) is { } final
            ? final with { PeakRssMb = Math.Max(final.PeakRssMb, RssWatch.PeakBeforeResetsKb / 1024) }
            : null;

        var results = new RunResults
        {
            StartedUtc = started,
            FinishedUtc = DateTime.UtcNow,
            Machine = machine,
            PgVersion = pgVersion,
            PgSettings = pgSettings,
            DataSet = district?.DataSet,
            Seed = district?.Seed,
            Phases = district?.Phases ?? [],
            ApiMemory = memory,
            ApiMemoryBeforeIngest = district?.MemoryBeforeIngest,
            ApiMemoryBeforeReportCards = reportCards is null ? null : memoryBeforeReportCards,
            Sizes = district?.Sizes ?? new Dictionary<string, string>(),
            ReportCards = reportCards,
            TokenFetches = district?.TokenFetches ?? 0,
            TokenLifetimeSeconds = district?.TokenLifetimeSeconds ?? 0,
            PgStatStatements = pg.HasStatements,
            BusyBeforeRun = busyBefore,
        };

        var block = Report.RenderResults(cfg, results);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(cfg.Output))!);
        // A full run rewrites the results block of docs/benchmarks.md and nothing else; a smoke or partial run writes a report of its own.
        var markdown = File.Exists(cfg.Output) && !cfg.IsSmoke && cfg.AllPhasesRun
            ? Report.Splice(await File.ReadAllTextAsync(cfg.Output), block)
            : $"# Benchmarks ({(cfg.IsSmoke ? "smoke run" : "partial run")})\n\nThe method and how to run: docs/benchmarks.md.\n\n{Report.BeginMarker}\n{block}{Report.EndMarker}\n";
        await File.WriteAllTextAsync(cfg.Output, markdown);
        if (cfg.JsonOutput is { Length: > 0 } json)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(json))!);
            await File.WriteAllTextAsync(json, JsonSerializer.Serialize(results, new JsonSerializerOptions(JsonSerializerOptions.Web) { WriteIndented = true }));
        }

        Console.WriteLine();
        Console.WriteLine(Report.Summary(cfg, results));

        // A harness problem (not a missed target) fails the command: more than 1% errors in any phase, a failed export or
        // an export whose content does not match the group, or a dead API.
        var broken = results.Phases.Concat(district is null ? [] : [district.Seed]).Concat(reportCards is null ? [] : [reportCards.Seed])
            .Where(p => p.Errors > 0.01 * (p.Ok + p.Errors)).Select(p => $"{p.Name} ×{p.Clients}").ToList();
        if (reportCards is not null)
        {
            broken.AddRange(reportCards.Errors.Select(e => $"report-card export {e.Format} {e.Group}: {e.Error}"));
            broken.AddRange(reportCards.Checks.Where(c => c.Problem is not null).Select(c => $"report-card {c.Format} content: {c.Problem}"));
        }
        if (memory is null) broken.Add("the API process is gone");
        if (broken.Count > 0)
        {
            Console.Error.WriteLine($"Too many errors: {string.Join("; ", broken)} (the report was still written).");
            return 3;
        }
        return 0;
    }

    private sealed record DistrictResults(DataSetInfo DataSet, PhaseResult Seed, List<PhaseResult> Phases, ProcessMemory? MemoryBeforeIngest,
        IReadOnlyDictionary<string, string> Sizes, int TokenFetches, int TokenLifetimeSeconds);

    /// <summary>The district data set and the phases on it: progress GET, evidence POST, result batches (each against raw PostgreSQL).</summary>
    private static async Task<DistrictResults> District(BenchConfig cfg, LeapApi api, TokenSource operatorTokens, Postgres pg, string tenant, TimeSpan maxDuration)
    {
        var (clientId, clientSecret) = await api.CreateTenantAsync(operatorTokens, tenant);
        api.Tokens = new TokenSource(api.Http, clientId, clientSecret);
        Console.WriteLine($"Tenant {tenant}, admin client {clientId}");

        // 2. The framework.
        var shape = new FrameworkShape(cfg.Competencies);
        var framework = await api.CreateFrameworkAsync(shape.ToJson("bench-math"));
        var factory = new EvidenceFactory(shape, EvidenceFactory.IdsFrom(framework), cfg.EvidencePerLearner);
        Console.WriteLine($"Framework: {shape.Total} competencies, {shape.Progressions.Count} progressions × {shape.Progressions[0].Count} steps, {shape.Prerequisites} prerequisites");

        // 3. Seeding through the real API's batch ingestion (POST /v1/results/batches): each batch holds whole learners, every
        //    one of their evidence in order (the data set is the same as posting them one by one), and the few concurrent
        //    batches cover different learners, so they never wait on each other's row locks.
        var totalSeed = checked(cfg.Learners * cfg.EvidencePerLearner);
        var learnersPerBatch = Math.Max(1, cfg.SeedBatchSize / cfg.EvidencePerLearner);
        var seedBatches = (cfg.Learners + learnersPerBatch - 1) / learnersPerBatch;
        long seedIssued = -1, seedDone = 0;
        using var seedProgress = new CancellationTokenSource();
        var reporter = Task.Run(async () =>
        {
            var t0 = DateTime.UtcNow;
            while (!seedProgress.IsCancellationRequested)
            {
                try { await Task.Delay(TimeSpan.FromSeconds(cfg.IsSmoke ? 5 : 30), seedProgress.Token); } catch (OperationCanceledException) { break; }
                var done = Interlocked.Read(ref seedDone);
                Console.WriteLine($"   seeded {done:N0} / {totalSeed:N0} results ({done / (DateTime.UtcNow - t0).TotalSeconds:0}/s)");
            }
        });
        var seed = await LoadRunner.RunAsync(
            new LoadRunner.Options($"Seed: result batches ({learnersPerBatch * cfg.EvidencePerLearner:N0} per batch)", "seed", cfg.SeedClients, seedBatches, 0,
                TimeSpan.FromSeconds(cfg.SeedMaxSeconds), cfg.ApiPid),
            async (_, _, ct) =>
            {
                var batch = (int)Interlocked.Increment(ref seedIssued);
                var first = batch * learnersPerBatch;
                var last = Math.Min(cfg.Learners, first + learnersPerBatch);
                var items = new List<string>((last - first) * cfg.EvidencePerLearner);
                for (var learner = first; learner < last; learner++)
                for (var round = 0; round < cfg.EvidencePerLearner; round++)
                    items.Add(factory.Seed(learner, round, asResult: true).Body);
                var outcome = await api.PostResultBatchAsync(EvidenceFactory.BatchBody(items), items.Count, ct);
                if (outcome.Ok) Interlocked.Add(ref seedDone, outcome.Rows);
                return outcome;
            });
        await seedProgress.CancelAsync();
        await reporter;
        var seededLearners = (int)Math.Min(cfg.Learners, (Interlocked.Read(ref seedIssued) + 1) * learnersPerBatch);
        if (seededLearners < 1 || seed.Rows == 0) throw new InvalidOperationException("Nothing was seeded.");

        Console.WriteLine("VACUUM ANALYZE and CHECKPOINT after seeding…");
        await pg.VacuumAnalyzeAsync();
        await pg.CheckpointAsync();

        // 4. The measured phases: reads first (on the data set as seeded), then writes; raw PostgreSQL before the API each time.
        var phases = new List<PhaseResult>();
        var n = cfg.Clients;

        async Task Phase(string name, string target, int clients, int requests, string database, LoadRunner.Operation op, int? warmup = null)
        {
            await pg.CheckpointAsync();
            await Task.Delay(TimeSpan.FromSeconds(2)); // let the previous phase's background work (GC, JIT tiering) settle
            await pg.ResetStatementsAsync();
            var result = await LoadRunner.RunAsync(new LoadRunner.Options(name, target, clients, requests, warmup ?? cfg.WarmupRequests, maxDuration, cfg.ApiPid), op,
                ct => pg.SampleWaitsAsync(database, ct));
            phases.Add(result with { Statements = await pg.TopStatementsAsync(database) });
        }

        var learnerTable = await pg.LearnerDocumentTableAsync();
        var learnerDocIds = learnerTable is null ? [] : await pg.LearnerDocumentIdsAsync(learnerTable, tenant);
        if (learnerDocIds.Length == 0) Console.WriteLine("   (no stored learner state found: the raw-read baseline is skipped)");

        foreach (var clients in new[] { 1, n }.Where(_ => cfg.Runs("progress")))
        {
            var requests = clients == 1 ? cfg.GetRequests1 : cfg.GetRequestsN;
            if (learnerDocIds.Length > 0)
                await Phase("Raw PostgreSQL: read one learner's stored progress by key (their competency-state rows)", "raw-read", clients, requests, cfg.ApiDatabase,
                    (_, rng, ct) => pg.ReadLearnerDocumentAsync(learnerTable!, tenant, learnerDocIds[rng.Next(learnerDocIds.Length)], ct));
            await Phase("API: progress GET", "progress-get", clients, requests, cfg.ApiDatabase,
                (_, rng, ct) => api.GetProgressAsync(EvidenceFactory.LearnerId(rng.Next(seededLearners)), ct));
        }

        foreach (var clients in new[] { 1, n }.Where(_ => cfg.Runs("evidence")))
        {
            var requests = clients == 1 ? cfg.PostRequests1 : cfg.PostRequestsN;
            await Phase("Raw PostgreSQL: single-row INSERT (autocommit)", "raw-insert", clients, requests, Postgres.BaselineDatabase,
                (_, rng, ct) =>
                {
                    var learner = rng.Next(seededLearners);
                    var (body, occurred) = factory.Live(rng, learner, $"base-{Guid.NewGuid():N}");
                    return pg.InsertAsync(tenant, EvidenceFactory.LearnerId(learner), occurred, body, ct);
                });
            await Phase("API: evidence POST", "evidence-post", clients, requests, cfg.ApiDatabase,
                (_, rng, ct) =>
                {
                    var learner = rng.Next(seededLearners);
                    var (body, _) = factory.Live(rng, learner, $"live-{Guid.NewGuid():N}");
                    return api.PostEvidenceAsync(EvidenceFactory.LearnerId(learner), body, ct);
                });
        }

        // 4b. Flat cost (issue 10): evidence POSTs for learners with few and with many prior evidence, the same shape of evidence
        //     on the same framework; the API's and PostgreSQL's CPU per POST must not grow with the history. Each cohort is seeded
        //     through batches first (whole learners per batch, the seed's spread of evidence over their progression).
        if (cfg.Runs("flatcost") && cfg.FlatRequests > 0)
        {
            foreach (var (label, learners, prior, offset) in new[] { ("few", cfg.FlatFewLearners, cfg.FlatFewPrior, 1_000_000), ("many", cfg.FlatManyLearners, cfg.FlatManyPrior, 2_000_000) })
            {
                var cohort = new EvidenceFactory(shape, EvidenceFactory.IdsFrom(framework), prior);
                var perBatch = Math.Max(1, cfg.SeedBatchSize / prior);
                long issued = -1;
                var seeded = await LoadRunner.RunAsync(
                    new LoadRunner.Options($"Seed: {learners:N0} learners × {prior} prior evidence", "flat-seed", cfg.SeedClients, (learners + perBatch - 1) / perBatch, 0,
                        TimeSpan.FromSeconds(cfg.SeedMaxSeconds), cfg.ApiPid),
                    async (_, _, ct) =>
                    {
                        var first = (int)Interlocked.Increment(ref issued) * perBatch;
                        var items = new List<string>();
                        for (var learner = first; learner < Math.Min(learners, first + perBatch); learner++)
                        for (var round = 0; round < prior; round++)
                            items.Add(cohort.Seed(offset + learner, round, asResult: true).Body);
                        return await api.PostResultBatchAsync(EvidenceFactory.BatchBody(items), items.Count, ct);
                    });
                Console.WriteLine($"   {seeded.Name}: {seeded.Rows:N0} results in {seeded.Seconds:0} s");
                await Phase($"API: evidence POST, learners with {prior} prior evidence", $"flat-{label}", n, cfg.FlatRequests, cfg.ApiDatabase,
                    (_, rng, ct) =>
                    {
                        var learner = offset + rng.Next(learners);
                        var (body, _) = cohort.Live(rng, learner, $"flat-{Guid.NewGuid():N}");
                        return api.PostEvidenceAsync(EvidenceFactory.LearnerId(learner), body, ct);
                    });
            }
        }

        // The data set's size as the phases above left it, and the API's memory before the batches (reported beside the peak).
        var sizes = await pg.SizesAsync();
        var (schemaBytes, evidenceCount) = await pg.BytesPerEvidenceAsync();
        if (evidenceCount > 0) sizes = new Dictionary<string, string>(sizes)
        {
            ["bytes per evidence (all tables and indexes of the schema / evidence recorded)"] = (schemaBytes / evidenceCount).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var memoryBeforeIngest = ProcessMemory.Read(cfg.ApiPid);

        // 5. Batch ingestion ("Assessments, attempts and LMS result ingestion"), last so the phases above run as they did before it
        //    existed: INGEST_BATCHES batches of INGEST_BATCH_SIZE new results (fresh source ids), each batch the next learners of
        //    the roster (one result each while the batch is smaller than the roster), at 1 and at INGEST_CLIENTS clients; the
        //    same rows, already generated, go to the baseline table by binary COPY right before, one COPY per batch. One warm-up
        //    batch per client, not recorded.
        var cursor = 0;
        var ingestRng = new Random(4242);
        foreach (var clients in new[] { 1, cfg.IngestClients }.Distinct().Where(_ => cfg.IngestBatches > 0 && cfg.Runs("ingest")))
        {
            var batches = new List<(BaselineRow[] Rows, byte[] Body)>(clients + cfg.IngestBatches);
            for (var b = 0; b < clients + cfg.IngestBatches; b++)
            {
                var rows = new BaselineRow[cfg.IngestBatchSize];
                for (var j = 0; j < rows.Length; j++)
                {
                    var learner = cursor++ % seededLearners;
                    var (body, occurred) = factory.Live(ingestRng, learner, $"ingest-{Guid.NewGuid():N}", asResult: true);
                    rows[j] = new BaselineRow(EvidenceFactory.LearnerId(learner), occurred, body);
                }
                batches.Add((rows, EvidenceFactory.BatchBody(rows.Select(r => r.Payload))));
            }
            long copyNext = -1, postNext = -1;
            await Phase($"Raw PostgreSQL: binary COPY of {cfg.IngestBatchSize:N0} rows", "raw-copy", clients, cfg.IngestBatches, Postgres.BaselineDatabase,
                (_, _, ct) => pg.CopyAsync(tenant, batches[(int)(Interlocked.Increment(ref copyNext) % batches.Count)].Rows, ct), warmup: clients);
            await Phase($"API: result batch POST of {cfg.IngestBatchSize:N0}", "batch-ingest", clients, cfg.IngestBatches, cfg.ApiDatabase,
                (_, _, ct) => api.PostResultBatchAsync(batches[(int)(Interlocked.Increment(ref postNext) % batches.Count)].Body, cfg.IngestBatchSize, ct), warmup: clients);
        }

        return new DistrictResults(
            new DataSetInfo(tenant, cfg.Learners, seededLearners, cfg.EvidencePerLearner, seed.Rows, shape.Total, shape.Progressions.Count,
                shape.Progressions[0].Count, shape.Prerequisites, shape.Standalone.Count),
            seed, phases, cfg.IngestBatches > 0 && cfg.Runs("ingest") ? memoryBeforeIngest : null, sizes, api.Tokens.Fetches, api.Tokens.LifetimeSeconds);
    }
}
