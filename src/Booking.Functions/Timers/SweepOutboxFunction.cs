using Booking.Application.Messaging;
using Microsoft.Azure.Functions.Worker;

namespace Booking.Functions.Timers;

/// <summary>Every minute: publishes the events a crash left in appointments' outboxes.</summary>
public sealed class SweepOutboxFunction(OutboxPublisher outbox)
{
    [Function("SweepOutbox")]
    public Task Run([TimerTrigger("%Outbox:SweepSchedule%")] TimerInfo timer, CancellationToken ct) => outbox.SweepAsync(ct);
}
