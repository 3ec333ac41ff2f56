using Booking.Application.Messaging;
using Booking.Application.Search;
using Booking.Functions.Bindings;
using Microsoft.Azure.Functions.Worker;

namespace Booking.Functions.Messaging;

/// <summary>
/// The <c>availability-summaries</c> subscription of <c>appointment-events</c>: each booking, cancellation or reschedule
/// refreshes its practitioner's availability summaries, which search reads, off the booking's request path.
/// </summary>
public sealed class AvailabilitySummaryFunction(EventConsumer consumer, RefreshSummaryOnAppointmentEvent refresh)
{
    [Function("RefreshAvailabilitySummaries")]
    public Task Refresh(
        [ServiceBusTrigger("%ServiceBus:AppointmentEventsTopic%", "%ServiceBus:AvailabilitySummariesSubscription%", Connection = ConfirmationFunctions.Connection)] string message,
        string messageId,
        CancellationToken ct) =>
        consumer.HandleAsync("RefreshAvailabilitySummaries", messageId, message, refresh.HandleAsync, ct);
}
