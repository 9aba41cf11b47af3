using LeapMastery.Api.Features.Ingestion;
using Microsoft.Extensions.Configuration;

namespace LeapMastery.Api.Tests.Ingestion;

public sealed class BatchGateTests
{
    [Fact]
    public async Task Batches_beyond_the_limit_wait_for_a_slot()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Ingestion:MaxConcurrentBatches"] = "1" }).Build();
        using var gate = new BatchGate(configuration);
        var first = await gate.EnterAsync(CancellationToken.None);
        var second = gate.EnterAsync(CancellationToken.None);
        await Task.Delay(50);
        second.IsCompleted.Should().BeFalse("the only slot is taken");
        first.Dispose();
        first.Dispose(); // a slot is released once
        (await second.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        using var third = await gate.EnterAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        using var cancel = new CancellationTokenSource(50);
        var waiting = async () => await gate.EnterAsync(cancel.Token);
        await waiting.Should().ThrowAsync<OperationCanceledException>("a caller that gives up leaves the queue");
    }
}
