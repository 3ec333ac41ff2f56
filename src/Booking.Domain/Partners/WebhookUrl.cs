using System.Net;
using Booking.Domain.Common;

namespace Booking.Domain.Partners;

/// <summary>
/// A partner's webhook URL as registered: absolute and https; http only to loopback, and loopback only where the
/// environment allows it (Development: the local host's test receivers). A literal address must be one webhooks may
/// reach (<see cref="WebhookAddresses"/>, in any of its spellings: 2130706433, 0x7f.1, [::ffff:127.0.0.1]), and
/// "localhost" and names under ".localhost" count as loopback (RFC 6761). Other names are accepted here: what they
/// resolve to is checked on every connection (Booking.Infrastructure's <c>WebhookConnections</c>), which is the guard;
/// this refuses early what could never be delivered.
/// </summary>
public static class WebhookUrl
{
    public const string Field = "webhookUrl";

    /// <summary>The code of an error for a URL that is not https or names an address webhooks may not reach.</summary>
    public const string RefusedCode = "refused-url";

    public static Result<Uri> Parse(string text, bool loopbackAllowed)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || string.IsNullOrEmpty(url.Host))
        {
            return Result<Uri>.Failure(new DomainError("invalid-url", "webhookUrl must be an absolute https URL.", Field));
        }

        var kind = KindOfHost(url);
        if (url.Scheme != Uri.UriSchemeHttps && !(url.Scheme == Uri.UriSchemeHttp && loopbackAllowed && kind is AddressKind.Loopback))
        {
            return Refused(loopbackAllowed ? "webhookUrl must be https (http only to loopback)." : "webhookUrl must be https.");
        }

        return kind is { } known && !WebhookAddresses.IsAllowed(known, loopbackAllowed)
            ? Refused($"webhookUrl names a {WebhookAddresses.Describe(known)} address, which webhooks may not reach.")
            : url;
    }

    /// <summary>What the host is when it is an address or a name of loopback; null for any other name.</summary>
    private static AddressKind? KindOfHost(Uri url)
    {
        if (url.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6)
        {
            return WebhookAddresses.Classify(IPAddress.Parse(url.Host.Trim('[', ']')));
        }

        var name = url.IdnHost.TrimEnd('.');
        return name.Equals("localhost", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            ? AddressKind.Loopback
            : null;
    }

    private static Result<Uri> Refused(string message) => Result<Uri>.Failure(new DomainError(RefusedCode, message, Field));
}
