using System.Net;
using System.Net.Sockets;

namespace Booking.Domain.Partners;

/// <summary>What an IP address is, as far as a partner's webhook may be sent to it.</summary>
public enum AddressKind
{
    /// <summary>A public unicast address: a webhook may go there.</summary>
    Public,

    /// <summary>127.0.0.0/8, ::1: this machine. Only the Development environment sends webhooks there (local receivers).</summary>
    Loopback,

    /// <summary>10/8, 172.16/12, 192.168/16, fc00::/7 (and the deprecated site-local fec0::/10): the private network.</summary>
    Private,

    /// <summary>169.254/16 (the cloud metadata endpoint 169.254.169.254 among them), fe80::/10.</summary>
    LinkLocal,

    /// <summary>0.0.0.0/8, ::: "this host" (connecting there reaches this machine).</summary>
    Unspecified,

    /// <summary>100.64/10: carrier-grade NAT, the provider's network.</summary>
    SharedAddressSpace,

    /// <summary>224/4, ff00::/8.</summary>
    Multicast,

    /// <summary>Not for hosts on the internet: 240/4 and the broadcast address, IETF protocol (192.0.0/24), benchmarking (198.18/15) and documentation ranges, IPv4-compatible IPv6.</summary>
    Reserved,
}

/// <summary>
/// Which addresses a partner's webhook may reach: public unicast ones, and loopback in Development only. An IPv6 form
/// that carries an IPv4 address (IPv4-mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16) is what it carries:
/// ::ffff:127.0.0.1 is loopback. Checked on the address a webhook connects to, after DNS resolution
/// (Booking.Infrastructure's <c>WebhookConnections</c>), and on a URL's literal address when it is registered.
/// </summary>
public static class WebhookAddresses
{
    public static bool IsAllowed(AddressKind kind, bool loopbackAllowed) =>
        kind is AddressKind.Public || (loopbackAllowed && kind is AddressKind.Loopback);

    /// <summary>How a refusal names <paramref name="kind"/>: "link-local", "private", …</summary>
    public static string Describe(AddressKind kind) => kind switch
    {
        AddressKind.LinkLocal => "link-local",
        AddressKind.SharedAddressSpace => "shared (carrier-grade NAT)",
        _ => kind.ToString().ToLowerInvariant(),
    };

    public static AddressKind Classify(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return EmbeddedIPv4(address) is { } carried ? Classify(carried) : ClassifyV6(address.GetAddressBytes());
        }

        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            return AddressKind.Reserved;
        }

        var b = address.GetAddressBytes();
        return b switch
        {
            [0, ..] => AddressKind.Unspecified,
            [127, ..] => AddressKind.Loopback,
            [10, ..] or [172, >= 16 and <= 31, ..] or [192, 168, ..] => AddressKind.Private,
            [169, 254, ..] => AddressKind.LinkLocal,
            [100, >= 64 and <= 127, ..] => AddressKind.SharedAddressSpace,
            [>= 224 and <= 239, ..] => AddressKind.Multicast,
            [>= 240, ..] or [192, 0, 0, _] or [198, 18 or 19, ..] or [192, 0, 2, _] or [198, 51, 100, _] or [203, 0, 113, _] => AddressKind.Reserved,
            _ => AddressKind.Public,
        };
    }

    private static AddressKind ClassifyV6(byte[] b)
    {
        if (b.AsSpan(0, 15).IndexOfAnyExcept((byte)0) < 0)
        {
            return b[15] switch
            {
                0 => AddressKind.Unspecified,
                1 => AddressKind.Loopback,
                _ => AddressKind.Reserved,
            };
        }

        return b switch
        {
            [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ..] => AddressKind.Reserved, // IPv4-compatible ::a.b.c.d, deprecated
            [0xff, ..] => AddressKind.Multicast,
            [0xfe, >= 0x80 and <= 0xbf, ..] => AddressKind.LinkLocal,
            [0xfe, >= 0xc0, ..] or [0xfc or 0xfd, ..] => AddressKind.Private,
            [0x20, 0x01, 0x0d, 0xb8, ..] => AddressKind.Reserved, // documentation
            _ => AddressKind.Public,
        };
    }

    /// <summary>The IPv4 address an IPv6 address stands for: IPv4-mapped, NAT64's well-known prefix, 6to4.</summary>
    private static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        var b = address.GetAddressBytes();
        return b switch
        {
            [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0, ..] => new IPAddress(b.AsSpan(12, 4)),
            [0x20, 0x02, ..] => new IPAddress(b.AsSpan(2, 4)),
            _ => null,
        };
    }
}
