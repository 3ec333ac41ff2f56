using Booking.Application.Retention;
using Microsoft.Azure.Functions.Worker;

namespace Booking.Functions.Timers;

public sealed class PurgeExpiredDataFunction(PurgeExpiredData purge)
{
    [Function(nameof(PurgeExpiredData))]
    public Task Run([TimerTrigger("%Retention:PurgeSchedule%")] TimerInfo timer, CancellationToken ct) => purge.RunAsync(ct);
}
