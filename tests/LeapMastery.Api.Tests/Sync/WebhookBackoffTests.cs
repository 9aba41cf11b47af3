using LeapMastery.Api.Features.Webhooks;
using NodaTime;

namespace LeapMastery.Api.Tests.Sync;

/// <summary>The wait between delivery passes: doubling from 30 × the retry delay, capped at 128 × that.</summary>
public sealed class WebhookBackoffTests
{
    [Theory]
    [InlineData(1, 30)]     // a first failed pass (fewer attempts than a pass holds still counts as one pass)
    [InlineData(3, 30)]     // one pass of 3 attempts (2 retries per pass)
    [InlineData(6, 60)]     // two passes
    [InlineData(9, 120)]
    [InlineData(12, 240)]
    [InlineData(24, 3840)]  // the eighth pass: 30 × 2^7
    [InlineData(300, 3840)] // capped
    public void The_wait_doubles_per_pass_up_to_a_cap(int attempts, int seconds) =>
        WebhookBackoff.WaitAfter(attempts, retriesPerPass: 2, TimeSpan.FromSeconds(1)).Should().Be(Duration.FromSeconds(seconds));

    [Fact]
    public void The_wait_scales_with_the_retry_delay() =>
        WebhookBackoff.WaitAfter(6, 2, TimeSpan.FromMilliseconds(20)).Should().Be(Duration.FromMilliseconds(1200));
}
