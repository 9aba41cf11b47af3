using System.Net;
using System.Net.Sockets;

namespace LeapMastery.Api.Features.Webhooks;

/// <summary>
/// Where webhook calls may connect. A tenant's client chooses the URL, so without a check the service could be made to
/// call its own private network (cloud metadata endpoints, internal admin ports). Each connection resolves the host and
/// connects only to public addresses, unless <c>Webhooks:AllowPrivateNetworks</c> is set (an on-premises install whose
/// SIS is on the district's network) or, for loopback, <c>Webhooks:AllowInsecureLoopback</c> (development and tests).
/// The check is made on the addresses actually connected to, so a DNS name cannot point elsewhere between check and use.
/// </summary>
public static class WebhookNetwork
{
    /// <summary>A named HTTP client for calls to addresses a client named (webhooks, CASE providers): this handler's rules, the caller's own time limit.</summary>
    public static IServiceCollection AddOutboundClient(this IServiceCollection services, string name)
    {
        services.AddHttpClient(name, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => Handler(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<WebhookOptions>>().Value));
        return services;
    }

    public static SocketsHttpHandler Handler(WebhookOptions options) => new()
    {
        AllowAutoRedirect = false,
        // Through a proxy the connection below would be to the proxy, and the real target would go unjudged.
        UseProxy = false,
        ConnectCallback = async (context, ct) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
            var allowed = addresses.Where(a => IsAllowed(a, options)).ToArray();
            if (allowed.Length == 0)
                throw new HttpRequestException($"{host} resolves to no address webhooks may reach (private, loopback and link-local networks are refused).");
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    /// <summary>
    /// Why a webhook URL is refused at creation, or null when it may be used: an absolute https URL (http only on loopback
    /// where allowed) without credentials or surrounding whitespace, whose host, when it is an address in any spelling
    /// (decimal <c>2130706433</c>, hex <c>0x7f.1</c>, short <c>127.1</c>, IPv4-mapped IPv6 …, which <see cref="Uri"/> reads as
    /// the address it means), is one <see cref="IsAllowed"/> connects to. A name is judged again at connection time,
    /// against every address it resolves to.
    /// </summary>
    public static string? WhyRefused(string url, WebhookOptions options)
    {
        if (url.Length == 0 || url != url.Trim() || url.Any(char.IsControl)) return "An absolute https URL, without surrounding whitespace.";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !string.IsNullOrEmpty(uri.UserInfo) || uri.Host.Length == 0)
            return "An absolute https URL without credentials in it.";
        var loopbackAllowed = options.AllowInsecureLoopback || options.AllowPrivateNetworks;
        IPAddress? address = uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 && IPAddress.TryParse(uri.DnsSafeHost, out var ip) ? ip : null;
        var loopbackName = uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || uri.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
        var loopback = loopbackName || (address is not null && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address));
        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && loopback && options.AllowInsecureLoopback))
            return options.AllowInsecureLoopback ? "An absolute https URL (or http on a loopback address)." : "An absolute https URL.";
        if (loopback && !loopbackAllowed) return "The URL points at this machine (loopback); webhooks go to public addresses.";
        if (address is not null && !IsAllowed(address, options))
            return "The URL points at a private, link-local, shared (CGNAT), unique-local, multicast or unspecified address; webhooks go to public addresses.";
        return null;
    }

    public static bool IsAllowed(IPAddress address, WebhookOptions options)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address)) return options.AllowInsecureLoopback || options.AllowPrivateNetworks;
        return IsPublic(address) || options.AllowPrivateNetworks;
    }

    /// <summary>Not loopback, private, link-local, shared (CGNAT), unique-local, multicast or unspecified.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast)) return false;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0 || b[0] == 10 || b[0] == 127 || (b[0] == 100 && b[1] >= 64 && b[1] <= 127) || (b[0] == 169 && b[1] == 254)
                     || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168) || b[0] >= 224
                     || (b[0] == 192 && b[1] == 0 && b[2] == 0) || (b[0] == 198 && (b[1] == 18 || b[1] == 19)));
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            // IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) addresses are judged by the IPv4 address inside.
            if (b.Take(12).All(x => x == 0) || (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b.Skip(4).Take(8).All(x => x == 0)))
                return IsPublic(new IPAddress(b[12..]));
            // 6to4 (2002::/16), Teredo (2001::/32) and local-use NAT64 (64:ff9b:1::/48) tunnel to addresses this check cannot see.
            if ((b[0] == 0x20 && b[1] == 0x02) || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0)
                || (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b[4] == 0x00 && b[5] == 0x01)) return false;
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (b[0] & 0xFE) == 0xFC);
        }
        return false;
    }
}
