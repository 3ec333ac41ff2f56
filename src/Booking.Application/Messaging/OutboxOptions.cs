namespace Booking.Application.Messaging;

/// <summary>The outbox sweeper's settings (section <c>Outbox</c>).</summary>
public sealed class OutboxOptions
{
    /// <summary>
    /// A marker this young may belong to a change still in flight, which will publish itself: the sweeper leaves it.
    /// Longer than any request takes; shorter only in tests that drain the outbox.
    /// </summary>
    public TimeSpan InFlightGrace { get; set; } = TimeSpan.FromMinutes(1);
}
