using Booking.Application.Reminders;
using Microsoft.Azure.Functions.Worker;

namespace Booking.Functions.Timers;

/// <summary>Every 15 minutes by default: reminders for the appointments starting within 24 hours.</summary>
public sealed class SendRemindersFunction(SendReminders reminders)
{
    [Function(nameof(SendReminders))]
    public Task Run([TimerTrigger("%Reminders:Schedule%")] TimerInfo timer, CancellationToken ct) => reminders.RunAsync(ct);
}
