using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using LeapMastery.Api.Infrastructure.Marten;
using Marten;
using Npgsql;
using Testcontainers.PostgreSql;

namespace LeapMastery.Api.Tests.Infrastructure;

/// <summary>
/// One PostgreSQL server per test run, found in this order: LEAP_TEST_POSTGRES (a connection string to a server where
/// the tests may create databases); Testcontainers where a Docker engine answers; else a throw-away cluster started from
/// the machine's PostgreSQL binaries on a free port (as the postgres user when running as root) and removed afterwards.
/// Each test class gets its own database, copied from a template that already holds the Marten schema.
/// </summary>
public sealed class PostgresServer
{
    private const string TemplateDatabase = "leap_template";
    private static readonly Lazy<Task<PostgresServer>> Instance = new(StartAsync);
    private static readonly SemaphoreSlim CreateLock = new(1, 1);
    private readonly string _adminConnectionString;

    private PostgresServer(string adminConnectionString, string origin)
    {
        _adminConnectionString = adminConnectionString;
        Origin = origin;
    }

    /// <summary>Where the server came from (environment, testcontainers or local cluster).</summary>
    public string Origin { get; }

    public static Task<PostgresServer> GetAsync() => Instance.Value;

    /// <summary>A connection string to the server that refuses connections (for readiness tests).</summary>
    public static string Unreachable => $"Host=127.0.0.1;Port={FreePort()};Database=none;Username=none;Timeout=2";

    /// <summary>Creates a fresh database with the schema already applied and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "t_" + Guid.NewGuid().ToString("N")[..16];
        await CreateLock.WaitAsync();
        try
        {
            await using var conn = new NpgsqlConnection(_adminConnectionString);
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"create database {name} template {TemplateDatabase}", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        finally
        {
            CreateLock.Release();
        }
        return WithDatabase(name);
    }

    /// <summary>Creates an empty database (no schema: the service applies its own) and returns its connection string.</summary>
    public async Task<string> CreateEmptyDatabaseAsync(string prefix = "e_")
    {
        var name = prefix + Guid.NewGuid().ToString("N")[..16];
        await using var conn = new NpgsqlConnection(_adminConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"create database {name}", conn);
        await cmd.ExecuteNonQueryAsync();
        return WithDatabase(name);
    }

    private static readonly Lazy<Task<PostgresServer>> Second = new(StartSecondAsync);

    /// <summary>
    /// A second PostgreSQL server, one per test run (for tenants on several servers): from LEAP_TEST_POSTGRES_2,
    /// Testcontainers, or the local binaries, as the first; without a template database.
    /// </summary>
    public static Task<PostgresServer> GetSecondAsync() => Second.Value;

    private static async Task<PostgresServer> StartSecondAsync()
    {
        var cs = Environment.GetEnvironmentVariable("LEAP_TEST_POSTGRES_2");
        if (!string.IsNullOrWhiteSpace(cs)) return new PostgresServer(cs, "environment (LEAP_TEST_POSTGRES_2)");
        return await FromTestcontainers() ?? await FromLocalBinaries();
    }

    private string WithDatabase(string database) =>
        new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = database, Pooling = true, MaxPoolSize = 60 }.ConnectionString;

    private static async Task<PostgresServer> StartAsync()
    {
        var server = await FromEnvironment() ?? await FromTestcontainers() ?? await FromLocalBinaries();
        await server.PrepareTemplateAsync();
        return server;
    }

    private async Task PrepareTemplateAsync()
    {
        await using (var conn = new NpgsqlConnection(_adminConnectionString))
        {
            await conn.OpenAsync();
            await using var drop = new NpgsqlCommand($"drop database if exists {TemplateDatabase} with (force)", conn);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"create database {TemplateDatabase}", conn);
            await create.ExecuteNonQueryAsync();
        }
        var templateConnection = WithDatabase(TemplateDatabase);
        using (var store = DocumentStore.For(o => MartenSetup.Configure(o, templateConnection)))
        {
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        }
        // A template must have no open connections while databases are copied from it.
        NpgsqlConnection.ClearAllPools();
    }

    private static Task<PostgresServer?> FromEnvironment()
    {
        var cs = Environment.GetEnvironmentVariable("LEAP_TEST_POSTGRES");
        return Task.FromResult(string.IsNullOrWhiteSpace(cs) ? null : new PostgresServer(cs, "environment (LEAP_TEST_POSTGRES)"));
    }

    private static async Task<PostgresServer?> FromTestcontainers()
    {
        try
        {
            var container = new PostgreSqlBuilder("postgres:15-alpine").Build();
            await container.StartAsync();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => container.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return new PostgresServer(container.GetConnectionString(), "testcontainers");
        }
        catch (Exception)
        {
            // No Docker engine here (Testcontainers fails within a second): fall back to the local binaries.
            return null;
        }
    }

    private static async Task<PostgresServer> FromLocalBinaries()
    {
        var bin = FindBinaries() ?? throw new InvalidOperationException(
            "No PostgreSQL for tests: set LEAP_TEST_POSTGRES, start a Docker engine, or install the server binaries (apt-get install postgresql).");
        var root = Path.Combine(Path.GetTempPath(), "leap-test-pg-" + Guid.NewGuid().ToString("N")[..8]);
        var data = Path.Combine(root, "data");
        Directory.CreateDirectory(root);
        var asRoot = Environment.UserName == "root";
        if (asRoot) await Run("chown", ["-R", "postgres:postgres", root]);
        var port = FreePort();
        await RunAsOwner(asRoot, Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8"]);
        await RunAsOwner(asRoot, Path.Combine(bin, "pg_ctl"),
        [
            "-D", data, "-l", Path.Combine(root, "log"), "-w", "-t", "60", "start",
            "-o", $"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300",
        ]);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                RunAsOwner(asRoot, Path.Combine(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "stop"]).GetAwaiter().GetResult();
                Directory.Delete(root, recursive: true);
            }
            catch (Exception)
            {
                // Best effort: the temp folder is throw-away.
            }
        };
        return new PostgresServer($"Host=127.0.0.1;Port={port};Database=postgres;Username=postgres", $"local cluster on port {port}");
    }

    private static string? FindBinaries()
    {
        var env = Environment.GetEnvironmentVariable("LEAP_PG_BIN");
        if (!string.IsNullOrEmpty(env) && File.Exists(Path.Combine(env, "initdb"))) return env;
        if (!Directory.Exists("/usr/lib/postgresql")) return null;
        return Directory.GetDirectories("/usr/lib/postgresql")
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")))
            .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
            .FirstOrDefault();
    }

    private static Task RunAsOwner(bool asRoot, string file, IEnumerable<string> args) =>
        asRoot ? Run("runuser", new[] { "-u", "postgres", "--", file }.Concat(args)) : Run(file, args);

    private static async Task Run(string file, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', psi.ArgumentList)} failed ({p.ExitCode}): {await stderr}{await stdout}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
