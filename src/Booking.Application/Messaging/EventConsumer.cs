namespace Booking.Application.Messaging;

/// <summary>
/// The one way an <c>appointment-events</c> subscription takes a message: a body that is an event goes to the
/// handler (whose failure is the delivery's failure, so it is retried); one that is not is refused and settled,
/// since no retry would mend it.
/// </summary>
public sealed class EventConsumer(MessageRefusals refusals)
{
    public const string NotAnEvent = "not an appointment event";

    public async Task HandleAsync(string consumer, string messageId, string body, Func<EventMessage, CancellationToken, Task> handle, CancellationToken ct)
    {
        if (EventMessage.Parse(body) is { } message)
        {
            await handle(message, ct);
        }
        else
        {
            await refusals.RecordAsync(consumer, messageId, NotAnEvent, ct);
        }
    }
}
