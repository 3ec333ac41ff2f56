namespace Booking.ServiceBusStandIn.Configuration;

/// <summary>
/// Duplicate detection of a queue or topic: a message whose MessageId was accepted within the window is accepted
/// again and dropped. Service Bus's default window is ten minutes.
/// </summary>
public sealed record DuplicateDetection(bool Enabled, TimeSpan Window)
{
    public static DuplicateDetection Off { get; } = new(false, TimeSpan.FromMinutes(10));
}
