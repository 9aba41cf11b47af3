namespace LeapMastery.Api.Features.Ingestion;

/// <summary>
/// How many result batches one node writes at once (<c>Ingestion:MaxConcurrentBatches</c>, default: one per core, at
/// least 2). Writing a batch is CPU-bound in the API and the database, so more at once adds no throughput, only memory
/// (every learner record of a batch transaction is held while it is written); the others wait their turn.
/// </summary>
public sealed class BatchGate(IConfiguration configuration) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, configuration.GetValue("Ingestion:MaxConcurrentBatches", Math.Max(2, Environment.ProcessorCount))));

    public async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        await _slots.WaitAsync(ct);
        return new Slot(_slots);
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) slots.Release();
        }
    }
}
