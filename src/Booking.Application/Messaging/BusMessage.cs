namespace Booking.Application.Messaging;

/// <summary>
/// A message as the bus carries it: ids and non-personal facts only (claim checks). <see cref="MessageId"/>
/// is stable across re-sends, so the broker's duplicate detection drops a re-publish.
/// </summary>
public sealed record BusMessage(string MessageId, string Body, IReadOnlyDictionary<string, string> ApplicationProperties);
