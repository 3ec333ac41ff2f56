using Booking.Application.Messaging;
using Microsoft.Azure.Functions.Worker;

namespace Booking.Functions.Timers;

/// <summary>Every 10 minutes by default: event messages dead-lettered after their last delivery get another one.</summary>
public sealed class RedriveDeadLettersFunction(RedriveDeadLetters redrive)
{
    [Function(nameof(RedriveDeadLetters))]
    public Task Run([TimerTrigger("%DeadLetters:RedriveSchedule%")] TimerInfo timer, CancellationToken ct) => redrive.RunAsync(ct);
}
