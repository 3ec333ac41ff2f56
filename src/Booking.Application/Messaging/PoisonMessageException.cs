namespace Booking.Application.Messaging;

/// <summary>
/// A message that can never succeed (bad signature, unknown sender, invalid body): it goes to the dead-letter
/// queue at once with <see cref="Reason"/>, instead of being retried. The reason names the rule, never the content.
/// </summary>
public sealed class PoisonMessageException(string reason) : Exception(reason)
{
    public string Reason { get; } = reason;
}
