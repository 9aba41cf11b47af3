using NodaTime;

namespace LeapMastery.Api.Features.Webhooks;

/// <summary>
/// How long a failed delivery waits before its next pass. Each pass makes a few quick retries (RetriesPerPass, Polly's
/// exponential delay from RetryDelay); between passes the wait doubles from 30 × RetryDelay, up to 128 × that (with the
/// default one-second RetryDelay: 30 s, 1 min, 2 min, … about 64 min), until the attempt limit.
/// </summary>
public static class WebhookBackoff
{
    public static Duration WaitAfter(int attempts, int retriesPerPass, TimeSpan retryDelay)
    {
        var passes = Math.Max(1, attempts / (retriesPerPass + 1));
        return Duration.FromTimeSpan(retryDelay * 30 * Math.Pow(2, Math.Min(passes - 1, 7)));
    }
}
