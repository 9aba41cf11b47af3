using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace LeapMastery.Bench;

/// <summary>The machine, from /proc (Linux only; elsewhere the fields say "unknown").</summary>
public sealed record MachineInfo(int Cores, string CpuModel, long MemoryMb, string Os, string Kernel, string DotnetRuntime, string DotnetSdk)
{
    public static MachineInfo Read(string sdk)
    {
        var cpu = ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        var memKb = ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) is { } m ? ParseKb(m) : 0;
        var os = ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?.Split('=', 2)[1].Trim('"') ?? RuntimeInformation.OSDescription;
        var kernel = File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : "unknown";
        return new MachineInfo(Environment.ProcessorCount, cpu, memKb / 1024, os, kernel, RuntimeInformation.FrameworkDescription, sdk);
    }

    internal static IEnumerable<string> ReadLines(string path) => File.Exists(path) ? File.ReadLines(path) : [];

    internal static long ParseKb(string line) =>
        long.TryParse(line.Split(':', 2)[1].Trim().Split(' ')[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var kb) ? kb : 0;
}

/// <summary>A process's memory from /proc/&lt;pid&gt;/status: VmRSS (working set now) and VmHWM (its peak).</summary>
public sealed record ProcessMemory(long RssMb, long PeakRssMb)
{
    public static ProcessMemory? Read(int pid)
    {
        var path = $"/proc/{pid}/status";
        if (!File.Exists(path)) return null;
        long rss = 0, hwm = 0;
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = MachineInfo.ParseKb(line);
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) hwm = MachineInfo.ParseKb(line);
        }
        return new ProcessMemory(rss / 1024, hwm / 1024);
    }
}

/// <summary>
/// CPU time used so far, split by who used it: the API process, PostgreSQL (every process named "postgres"), this load
/// generator, and the machine as a whole (busy = everything but idle and iowait), all from /proc in clock ticks.
/// </summary>
public sealed record CpuSnapshot(long TimestampTicks, double MachineBusySeconds, double ApiSeconds, IReadOnlyDictionary<int, double> PostgresSeconds, double BenchSeconds)
{
    private static readonly double TicksPerSecond = 100.0; // USER_HZ; 100 on every Linux distribution .NET supports

    public static CpuSnapshot Take(int apiPid)
    {
        var pg = new Dictionary<int, double>();
        if (Directory.Exists("/proc"))
        {
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
                if (ReadProcessCpu(pid) is { Comm: "postgres" } p) pg[pid] = p.Seconds;
            }
        }
        return new CpuSnapshot(Stopwatch.GetTimestamp(), MachineBusy(), ReadProcessCpu(apiPid)?.Seconds ?? 0, pg,
            Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds);
    }

    public static CpuUse Between(CpuSnapshot a, CpuSnapshot b)
    {
        var pg = 0.0;
        foreach (var (pid, seconds) in b.PostgresSeconds)
            pg += a.PostgresSeconds.TryGetValue(pid, out var before) ? seconds - before : seconds;
        var wall = Stopwatch.GetElapsedTime(a.TimestampTicks, b.TimestampTicks).TotalSeconds;
        return new CpuUse(wall, b.MachineBusySeconds - a.MachineBusySeconds, b.ApiSeconds - a.ApiSeconds, Math.Max(0, pg), b.BenchSeconds - a.BenchSeconds);
    }

    private static double MachineBusy()
    {
        var line = MachineInfo.ReadLines("/proc/stat").FirstOrDefault(l => l.StartsWith("cpu ", StringComparison.Ordinal));
        if (line is null) return 0;
        var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        // user nice system idle iowait irq softirq steal [guest guest_nice: already inside user/nice]
        var busy = f[0] + f[1] + f[2] + f[5] + f[6] + (f.Length > 7 ? f[7] : 0);
        return busy / TicksPerSecond;
    }

    private static (string Comm, double Seconds)? ReadProcessCpu(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var open = stat.IndexOf('(');
            var close = stat.LastIndexOf(')');
            var comm = stat[(open + 1)..close];
            var rest = stat[(close + 2)..].Split(' ');
            // After "(comm) ": state is field 3, utime field 14 and stime field 15 → rest[11], rest[12].
            var ticks = long.Parse(rest[11], CultureInfo.InvariantCulture) + long.Parse(rest[12], CultureInfo.InvariantCulture);
            return (comm, ticks / TicksPerSecond);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}

/// <summary>CPU seconds used during a phase, by component.</summary>
public sealed record CpuUse(double WallSeconds, double MachineBusySeconds, double ApiSeconds, double PostgresSeconds, double BenchSeconds)
{
    public double OtherSeconds => Math.Max(0, MachineBusySeconds - ApiSeconds - PostgresSeconds - BenchSeconds);
    public double Utilisation(int cores) => WallSeconds <= 0 ? 0 : MachineBusySeconds / (WallSeconds * cores);
}
