using System.Diagnostics;

namespace LeapMastery.Bench;

/// <summary>The measured result of one phase: throughput, latency percentiles, errors and who used the CPU.</summary>
public sealed record PhaseResult
{
    public string Name { get; init; } = "";
    public string Target { get; init; } = "";
    public int Clients { get; init; }
    public int Requested { get; init; }
    public int Warmup { get; init; }
    public long Ok { get; init; }
    public long Errors { get; init; }
    public bool TimeBounded { get; init; }
    public double Seconds { get; init; }
    public double Throughput => Seconds > 0 ? Ok / Seconds : 0;
    /// <summary>Rows (results) stored by the successful operations: equal to <see cref="Ok"/> except for batches and COPYs.</summary>
    public long Rows { get; init; }
    public double RowsPerSecond => Seconds > 0 ? Rows / Seconds : 0;
    public double MeanMs { get; init; }
    public double P50Ms { get; init; }
    public double P95Ms { get; init; }
    public double P99Ms { get; init; }
    public double MaxMs { get; init; }
    public double MeanBytes { get; init; }
    public IReadOnlyDictionary<string, long> ErrorKinds { get; init; } = new Dictionary<string, long>();
    public CpuUse? Cpu { get; init; }
    public IReadOnlyList<WaitSample> Waits { get; init; } = [];
    public IReadOnlyList<TopStatement> Statements { get; init; } = [];

    /// <summary>CPU milliseconds per successful operation.</summary>
    public double CpuMsPerOp(double seconds) => Ok > 0 ? seconds * 1000 / Ok : 0;

    /// <summary>CPU milliseconds per stored row.</summary>
    public double CpuMsPerRow(double seconds) => Rows > 0 ? seconds * 1000 / Rows : 0;
}

/// <summary>
/// Runs an operation from N concurrent clients (async workers, each one request at a time, no think time): first a
/// warm-up that is not recorded, then a fixed number of operations, stopping early when the phase's time bound is reached.
/// </summary>
public static class LoadRunner
{
    public delegate Task<Outcome> Operation(int worker, Random rng, CancellationToken ct);

    public sealed record Options(string Name, string Target, int Clients, int Requests, int Warmup, TimeSpan MaxDuration, int ApiPid);

    public static async Task<PhaseResult> RunAsync(Options o, Operation op, Func<CancellationToken, Task<IReadOnlyList<WaitSample>>>? sampleWaits = null)
    {
        Console.WriteLine($"-- {o.Name} ({o.Clients} client{(o.Clients == 1 ? "" : "s")}): {o.Warmup} warm-up, then {o.Requests} (at most {o.MaxDuration.TotalSeconds:0} s)");
        if (o.Warmup > 0)
        {
            using var warmCts = new CancellationTokenSource(TimeSpan.FromSeconds(Math.Max(10, o.MaxDuration.TotalSeconds / 3)));
            await Drive(o.Clients, o.Warmup, op, warmCts.Token, record: false);
        }

        using var cts = new CancellationTokenSource(o.MaxDuration);
        using var samplerStop = new CancellationTokenSource();
        var sampler = sampleWaits?.Invoke(samplerStop.Token);
        var before = CpuSnapshot.Take(o.ApiPid);
        var started = Stopwatch.GetTimestamp();
        var run = await Drive(o.Clients, o.Requests, op, cts.Token, record: true);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var after = CpuSnapshot.Take(o.ApiPid);
        await samplerStop.CancelAsync();
        var waits = sampler is null ? [] : await sampler;

        var latencies = run.Latencies;
        Array.Sort(latencies);
        var result = new PhaseResult
        {
            Name = o.Name,
            Target = o.Target,
            Clients = o.Clients,
            Requested = o.Requests,
            Warmup = o.Warmup,
            Ok = run.Ok,
            Rows = run.Rows,
            Errors = run.Errors,
            TimeBounded = cts.IsCancellationRequested && run.Ok + run.Errors < o.Requests,
            Seconds = seconds,
            MeanMs = latencies.Length > 0 ? latencies.Average() : 0,
            P50Ms = Percentile(latencies, 50),
            P95Ms = Percentile(latencies, 95),
            P99Ms = Percentile(latencies, 99),
            MaxMs = latencies.Length > 0 ? latencies[^1] : 0,
            MeanBytes = run.Ok > 0 ? (double)run.Bytes / run.Ok : 0,
            ErrorKinds = run.ErrorKinds,
            Cpu = CpuSnapshot.Between(before, after),
            Waits = waits,
        };
        Console.WriteLine($"   {result.Ok} ok, {result.Errors} errors in {result.Seconds:0.0} s: {result.Throughput:0.0}/s" +
                          $"{(result.Rows != result.Ok ? $" ({result.Rows} rows, {result.RowsPerSecond:0.0} rows/s)" : "")}, " +
                          $"p50 {result.P50Ms:0.00} ms, p95 {result.P95Ms:0.00} ms, p99 {result.P99Ms:0.00} ms{(result.TimeBounded ? " (time bound reached)" : "")}");
        foreach (var (kind, count) in result.ErrorKinds.Take(3)) Console.WriteLine($"   error ×{count}: {kind}");
        return result;
    }

    /// <summary>Nearest-rank percentile of sorted values (ms).</summary>
    public static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0) return 0;
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    private sealed record Run(double[] Latencies, long Ok, long Errors, long Bytes, long Rows, Dictionary<string, long> ErrorKinds);

    private static async Task<Run> Drive(int clients, int requests, Operation op, CancellationToken stop, bool record)
    {
        long next = 0, ok = 0, errors = 0, bytes = 0, rows = 0;
        var perWorker = new List<double>[clients];
        var errorKinds = new Dictionary<string, long>();
        var workers = Enumerable.Range(0, clients).Select(w => Task.Run(async () =>
        {
            var rng = new Random(HashCode.Combine(w, record, Environment.TickCount));
            var mine = perWorker[w] = new List<double>(requests / clients + 1);
            while (!stop.IsCancellationRequested && Interlocked.Increment(ref next) <= requests)
            {
                var t0 = Stopwatch.GetTimestamp();
                Outcome outcome;
                try
                {
                    outcome = await op(w, rng, CancellationToken.None);
                }
                catch (Exception ex)
                {
                    outcome = new Outcome(false, 0, $"{ex.GetType().Name}: {LeapApi.Truncate(ex.Message, 200)}");
                }
                var ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
                if (outcome.Ok)
                {
                    mine.Add(ms);
                    Interlocked.Increment(ref ok);
                    Interlocked.Add(ref bytes, outcome.Bytes);
                    Interlocked.Add(ref rows, outcome.Rows);
                }
                else
                {
                    Interlocked.Increment(ref errors);
                    var kind = Normalize(outcome.Error ?? "unknown");
                    lock (errorKinds) errorKinds[kind] = errorKinds.GetValueOrDefault(kind) + 1;
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var all = record ? perWorker.SelectMany(l => l).ToArray() : [];
        return new Run(all, ok, errors, bytes, rows, errorKinds);
    }

    /// <summary>Groups errors by status and the first words of the message (ids and numbers vary).</summary>
    private static string Normalize(string error) => LeapApi.Truncate(error, 160);
}
