using Marten;
using Polly;
using Polly.Retry;

namespace LeapMastery.Api.Infrastructure.Health;

/// <summary>
/// Applies the Marten schema at start-up, retrying with jittered backoff while PostgreSQL is not reachable yet,
/// so the API starts (and reports not-ready) instead of crashing when the database comes up after it; then builds any
/// stored learner state an earlier release did not keep (<see cref="Learners.LearnerStateUpgrade"/>).
/// </summary>
public sealed class SchemaInitializer(Marten.TenantDatabases databases, Learners.LearnerStateUpgrade upgrade, ILogger<SchemaInitializer> logger) : BackgroundService
{
    private readonly TaskCompletionSource _applied = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsApplied => _applied.Task.IsCompletedSuccessfully;

    /// <summary>Completes when the schema is in place (the demo seed waits on it).</summary>
    public Task Applied => _applied.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => ex is not OperationCanceledException),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(250),
                MaxDelay = TimeSpan.FromSeconds(15),
                OnRetry = args =>
                {
                    logger.LogWarning("Database schema not applied yet (attempt {Attempt}): {Reason}", args.AttemptNumber + 1, OneLine(args.Outcome.Exception));
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
        try
        {
            await pipeline.ExecuteAsync(async ct => await databases.PrepareAsync(ct), stoppingToken);
            logger.LogInformation("Database schema applied");
            // A database written by an earlier release gets its stored learner state built from the events before the API is ready.
            await pipeline.ExecuteAsync(async ct => await upgrade.RunAsync(ct), stoppingToken);
            _applied.TrySetResult();
        }
        catch (OperationCanceledException)
        {
            _applied.TrySetCanceled(stoppingToken);
        }
    }

    /// <summary>
    /// The cause of a failed attempt in one line: the innermost exception's first line (Marten's schema errors carry the
    /// whole DDL in their message, hundreds of lines that hide the cause, such as "connection refused").
    /// </summary>
    public static string OneLine(Exception? exception)
    {
        if (exception is null) return "unknown";
        var root = exception.GetBaseException();
        var line = (root.Message.Split('\n', 2)[0]).Trim();
        if (line.Length > 300) line = line[..300] + "…";
        return $"{root.GetType().Name}: {line}";
    }
}
