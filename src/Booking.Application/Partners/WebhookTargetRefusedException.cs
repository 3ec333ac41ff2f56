using System.Net;
using Booking.Domain.Partners;

namespace Booking.Application.Partners;

/// <summary>
/// A webhook was not sent: its URL is not https, or its host is (or resolves to) an address webhooks may not reach
/// (<see cref="WebhookAddresses"/>). Thrown before any connection is made. An <see cref="HttpRequestException"/>, so a
/// delivery counts it as a failed attempt like any other.
/// </summary>
public sealed class WebhookTargetRefusedException : HttpRequestException
{
    private WebhookTargetRefusedException(string message, IPAddress? address, AddressKind? kind)
        : base(HttpRequestError.ConnectionError, message)
    {
        Address = address;
        Kind = kind;
    }

    /// <summary>The refused address; null when the scheme was refused.</summary>
    public IPAddress? Address { get; }

    public AddressKind? Kind { get; }

    public static WebhookTargetRefusedException NotHttps() => new("A webhook goes over https only.", null, null);

    public static WebhookTargetRefusedException Unreachable(IPAddress address, AddressKind kind) =>
        new($"A webhook may not reach a {WebhookAddresses.Describe(kind)} address.", address, kind);
}
