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
    public static SocketsHttpHandler Handler(WebhookOptions options) => new()
    {
        AllowAutoRedirect = false,
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
                     || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168) || b[0] >= 224);
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (b[0] & 0xFE) == 0xFC);
        }
        return false;
    }
}
