namespace Booking.ServiceBusStandIn.Security;

/// <summary>The verdict on a CBS token: accepted until an expiry, or refused with a reason.</summary>
public sealed record TokenCheck(bool IsAccepted, DateTimeOffset ExpiresAt, string Reason)
{
    public static TokenCheck Accepted(DateTimeOffset expiresAt) => new(true, expiresAt, "Accepted");

    public static TokenCheck Refused(string reason) => new(false, DateTimeOffset.MinValue, reason);
}
