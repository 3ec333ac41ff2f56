using Booking.Application.Waitlist;
using Microsoft.Azure.Functions.Worker;

namespace Booking.Functions.Timers;

/// <summary>Every minute by default: free slots offered to waitlisted patients, and offers not taken in time passed to the next.</summary>
public sealed class OfferFreedSlotsFunction(OfferFreedSlots offers)
{
    [Function(nameof(OfferFreedSlots))]
    public Task Run([TimerTrigger("%Waitlist:OfferSchedule%")] TimerInfo timer, CancellationToken ct) => offers.RunAsync(ct);
}
