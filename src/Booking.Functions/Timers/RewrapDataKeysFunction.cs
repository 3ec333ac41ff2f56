using Booking.Application.Privacy;
using Microsoft.Azure.Functions.Worker;

namespace Booking.Functions.Timers;

public sealed class RewrapDataKeysFunction(RewrapDataKeys rewrap)
{
    [Function(nameof(RewrapDataKeys))]
    public Task Run([TimerTrigger("%KeyVault:RewrapSchedule%")] TimerInfo timer, CancellationToken ct) => rewrap.RunAsync(ct);
}
