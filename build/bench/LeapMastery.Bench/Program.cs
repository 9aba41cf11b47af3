using System.Text.Json;
using LeapMastery.Bench;

// The benchmark's load generator: seeds a district-shaped data set through the API, measures evidence POST and progress
// GET over HTTP and raw PostgreSQL inserts/reads in the same run, and writes the markdown report. Run via build/bench/run.
//   LeapMastery.Bench                       (configured by the environment build/bench/run sets)
//   LeapMastery.Bench --template <file>     (writes the report's empty template, e.g. docs/benchmarks.md before a full run)

if (args.Length == 2 && args[0] == "--template")
{
    await File.WriteAllTextAsync(args[1], Report.Render(BenchConfig.FromEnvironment() with { Mode = "full" }, null));
    Console.WriteLine($"Wrote the template to {args[1]}");
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
        ThreadPool.SetMinThreads(Math.Max(cfg.Clients, cfg.SeedClients) + 8, Math.Max(cfg.Clients, cfg.SeedClients) + 8);
        var started = DateTime.UtcNow;
        var machine = MachineInfo.Read(cfg.DotnetSdk);
        var maxDuration = TimeSpan.FromSeconds(cfg.PhaseMaxSeconds);

        using var http = Http.Create(cfg.ApiUrl, Math.Max(cfg.Clients, cfg.SeedClients));
        var api = new LeapApi(http);
        await using var pg = new Postgres(cfg.PgAdmin, cfg.ApiDatabase, Math.Max(cfg.Clients, 1));
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
        var (clientId, clientSecret) = await api.CreateTenantAsync(new TokenSource(http, cfg.OperatorId, cfg.OperatorSecret), tenant);
        api.Tokens = new TokenSource(http, clientId, clientSecret);
        Console.WriteLine($"Tenant {tenant}, admin client {clientId}");

        // 2. The framework.
        var shape = new FrameworkShape(cfg.Competencies);
        var framework = await api.CreateFrameworkAsync(shape.ToJson("bench-math"));
        var factory = new EvidenceFactory(shape, EvidenceFactory.IdsFrom(framework), cfg.EvidencePerLearner);
        Console.WriteLine($"Framework: {shape.Total} competencies, {shape.Progressions.Count} progressions × {shape.Progressions[0].Count} steps, {shape.Prerequisites} prerequisites");
        await pg.CreateBaselineAsync();

        // 3. Seeding through the real API, round by round (every learner's first evidence, then every learner's second, …),
        //    so that concurrent posts go to different learners as they would from a district's integrations.
        var totalSeed = checked(cfg.Learners * cfg.EvidencePerLearner);
        long seedIssued = -1, seedDone = 0;
        using var seedProgress = new CancellationTokenSource();
        var reporter = Task.Run(async () =>
        {
            var t0 = DateTime.UtcNow;
            while (!seedProgress.IsCancellationRequested)
            {
                try { await Task.Delay(TimeSpan.FromSeconds(cfg.IsSmoke ? 5 : 30), seedProgress.Token); } catch (OperationCanceledException) { break; }
                var done = Interlocked.Read(ref seedDone);
                Console.WriteLine($"   seeded {done:N0} / {totalSeed:N0} ({done / (DateTime.UtcNow - t0).TotalSeconds:0}/s)");
            }
        });
        var seed = await LoadRunner.RunAsync(
            new LoadRunner.Options("Seed: evidence POST", "api", cfg.SeedClients, totalSeed, 0, TimeSpan.FromSeconds(cfg.SeedMaxSeconds), cfg.ApiPid),
            async (_, _, ct) =>
            {
                var i = Interlocked.Increment(ref seedIssued);
                var learner = (int)(i % cfg.Learners);
                var round = (int)(i / cfg.Learners);
                var (body, _) = factory.Seed(learner, round);
                var outcome = await api.PostEvidenceAsync(EvidenceFactory.LearnerId(learner), body, ct);
                Interlocked.Increment(ref seedDone);
                return outcome;
            });
        await seedProgress.CancelAsync();
        await reporter;
        var seededLearners = (int)Math.Min(cfg.Learners, Interlocked.Read(ref seedIssued) + 1);
        if (seededLearners < 1) throw new InvalidOperationException("Nothing was seeded.");

        Console.WriteLine("VACUUM ANALYZE and CHECKPOINT after seeding…");
        await pg.VacuumAnalyzeAsync();
        await pg.CheckpointAsync();

        // 4. The measured phases: reads first (on the data set as seeded), then writes; raw PostgreSQL before the API each time.
        var phases = new List<PhaseResult>();
        var n = cfg.Clients;

        async Task Phase(string name, string target, int clients, int requests, string database, LoadRunner.Operation op)
        {
            await pg.CheckpointAsync();
            await Task.Delay(TimeSpan.FromSeconds(2)); // let the previous phase's background work (GC, JIT tiering) settle
            await pg.ResetStatementsAsync();
            var result = await LoadRunner.RunAsync(new LoadRunner.Options(name, target, clients, requests, cfg.WarmupRequests, maxDuration, cfg.ApiPid), op,
                ct => pg.SampleWaitsAsync(database, ct));
            phases.Add(result with { Statements = await pg.TopStatementsAsync(database) });
        }

        var learnerTable = await pg.LearnerDocumentTableAsync();
        var learnerDocIds = learnerTable is null ? [] : await pg.LearnerDocumentIdsAsync(learnerTable, tenant);
        if (learnerDocIds.Length == 0) Console.WriteLine("   (no learner documents found: the raw-read baseline is skipped)");

        foreach (var clients in new[] { 1, n })
        {
            var requests = clients == 1 ? cfg.GetRequests1 : cfg.GetRequestsN;
            if (learnerDocIds.Length > 0)
                await Phase("Raw PostgreSQL: read one learner document by key", "raw-read", clients, requests, cfg.ApiDatabase,
                    (_, rng, ct) => pg.ReadLearnerDocumentAsync(learnerTable!, tenant, learnerDocIds[rng.Next(learnerDocIds.Length)], ct));
            await Phase("API: progress GET", "progress-get", clients, requests, cfg.ApiDatabase,
                (_, rng, ct) => api.GetProgressAsync(EvidenceFactory.LearnerId(rng.Next(seededLearners)), ct));
        }

        foreach (var clients in new[] { 1, n })
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

        // 5. The API's memory after the runs, and the data set's size.
        var memory = ProcessMemory.Read(cfg.ApiPid);
        var sizes = await pg.SizesAsync();

        var results = new RunResults
        {
            StartedUtc = started,
            FinishedUtc = DateTime.UtcNow,
            Machine = machine,
            PgVersion = pgVersion,
            PgSettings = pgSettings,
            DataSet = new DataSetInfo(tenant, cfg.Learners, seededLearners, cfg.EvidencePerLearner, seed.Ok, shape.Total, shape.Progressions.Count,
                shape.Progressions[0].Count, shape.Prerequisites, shape.Standalone.Count),
            Seed = seed,
            Phases = phases,
            ApiMemory = memory,
            Sizes = sizes,
            TokenFetches = api.Tokens.Fetches,
            TokenLifetimeSeconds = api.Tokens.LifetimeSeconds,
            PgStatStatements = pg.HasStatements,
            BusyBeforeRun = busyBefore,
        };

        var markdown = Report.Render(cfg, results);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(cfg.Output))!);
        await File.WriteAllTextAsync(cfg.Output, markdown);
        if (cfg.JsonOutput is { Length: > 0 } json)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(json))!);
            await File.WriteAllTextAsync(json, JsonSerializer.Serialize(results, new JsonSerializerOptions(JsonSerializerOptions.Web) { WriteIndented = true }));
        }

        Console.WriteLine();
        Console.WriteLine(Report.Summary(cfg, results));

        // A harness problem (not a missed target) fails the command: more than 1% errors in any phase, or a dead API.
        var broken = phases.Append(seed).Where(p => p.Errors > 0.01 * (p.Ok + p.Errors)).Select(p => $"{p.Name} ×{p.Clients}").ToList();
        if (memory is null) broken.Add("the API process is gone");
        if (broken.Count > 0)
        {
            Console.Error.WriteLine($"Too many errors: {string.Join("; ", broken)} (the report was still written).");
            return 3;
        }
        return 0;
    }
}
