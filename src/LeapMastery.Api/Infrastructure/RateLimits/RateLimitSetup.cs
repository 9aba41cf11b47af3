using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using LeapMastery.Api.Infrastructure.Auth;
using Microsoft.Extensions.Options;

namespace LeapMastery.Api.Infrastructure.RateLimits;

/// <summary>Bound from the "RateLimits" configuration section (docs/operations.md).</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    public bool Enabled { get; set; } = true;

    /// <summary>Requests a client may make per second, sustained (a token bucket per client id).</summary>
    public int PerClientRequestsPerSecond { get; set; } = 200;

    /// <summary>Requests a client may make at once, above the sustained rate.</summary>
    public int PerClientBurst { get; set; } = 400;

    /// <summary>Requests without a valid token (the token endpoint included) per remote address per minute.</summary>
    public int AnonymousRequestsPerMinute { get; set; } = 300;
}

/// <summary>
/// Per-client request limits with ASP.NET Core's rate limiter: an authenticated request counts against its client id's
/// token bucket, any other request against its remote address. A refused request is a 429 problem with <c>Retry-After</c>.
/// </summary>
public static class RateLimitSetup
{
    public static IServiceCollection AddLeapRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RateLimitOptions>(configuration.GetSection(RateLimitOptions.Section));
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(Partition);
            o.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await TypedResults.Problem(
                    detail: $"Too many requests from this client; retry after {seconds} s. Limits are per client id (docs/operations.md).",
                    statusCode: StatusCodes.Status429TooManyRequests, title: "Too Many Requests", type: Problems.ProblemTypes.TooManyRequests).ExecuteAsync(http);
            };
        });
        return services;
    }

    /// <summary>An IPv4 address as it is; an IPv6 one by its /64, which one client controls whole (it could rotate through it).</summary>
    private static string AddressKey(IPAddress? address)
    {
        if (address is null) return "none";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static RateLimitPartition<string> Partition(HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        if (!options.Enabled || http.Request.Path.StartsWithSegments("/health")) return RateLimitPartition.GetNoLimiter("unlimited");
        if (http.User.Identity?.IsAuthenticated == true && http.User.FindFirst(ClaimNames.ClientId)?.Value is { } clientId)
        {
            return RateLimitPartition.GetTokenBucketLimiter("client:" + clientId, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(1, options.PerClientBurst),
                TokensPerPeriod = Math.Max(1, options.PerClientRequestsPerSecond),
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        }
        return RateLimitPartition.GetFixedWindowLimiter("address:" + AddressKey(http.Connection.RemoteIpAddress), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, options.AnonymousRequestsPerMinute),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }
}
