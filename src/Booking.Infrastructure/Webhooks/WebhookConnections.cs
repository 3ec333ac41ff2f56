using System.Net;
using System.Net.Sockets;
using Booking.Application.Partners;
using Booking.Domain.Partners;

namespace Booking.Infrastructure.Webhooks;

/// <summary>
/// The connections partner webhooks go over, which is where server-side request forgery is stopped: each host is
/// resolved once, every address it resolves to is checked (<see cref="WebhookAddresses"/>: public only; loopback in
/// Development only) and the socket connects to exactly those addresses, so no second lookup can answer otherwise (DNS
/// rebinding). A refusal is a <see cref="WebhookTargetRefusedException"/>, thrown before any socket is opened. Outside
/// Development only https is sent; in Development http goes to loopback only. The handler follows no redirect (a 3xx is
/// the partner's answer, a failed attempt: a redirect to anywhere, http or not, is never fetched), uses no proxy (the
/// proxy would be the address checked) and speaks HTTP/1.1 (<see cref="HttpWebhookClient"/>: HTTP/3 connects over QUIC
/// without this callback).
/// </summary>
public static class WebhookConnections
{
    public static SocketsHttpHandler Handler(bool loopbackAllowed) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        ConnectCallback = (context, ct) => ConnectAsync(context, loopbackAllowed, ct),
    };

    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, bool loopbackAllowed, CancellationToken ct)
    {
        var addresses = await CheckedAddressesAsync(context.DnsEndPoint.Host, context.InitialRequestMessage.RequestUri, loopbackAllowed, ct);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The addresses <paramref name="host"/> is (a literal) or resolves to, when a webhook to <paramref name="url"/> may go to every one of them.</summary>
    private static async Task<IPAddress[]> CheckedAddressesAsync(string host, Uri? url, bool loopbackAllowed, CancellationToken ct)
    {
        var https = url?.Scheme == Uri.UriSchemeHttps;
        if (!https && !loopbackAllowed)
        {
            throw WebhookTargetRefusedException.NotHttps();
        }

        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        foreach (var address in addresses)
        {
            var kind = WebhookAddresses.Classify(address);
            if (!WebhookAddresses.IsAllowed(kind, loopbackAllowed))
            {
                throw WebhookTargetRefusedException.Unreachable(address, kind);
            }
        }

        if (!https && addresses.Any(a => WebhookAddresses.Classify(a) is not AddressKind.Loopback))
        {
            throw WebhookTargetRefusedException.NotHttps();
        }

        return addresses;
    }
}
