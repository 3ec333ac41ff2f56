using Booking.Application.Partners;
using Booking.Functions.Bindings;
using Microsoft.Azure.Functions.Worker;

namespace Booking.Functions.Messaging;

/// <summary>
/// Partners' signed booking requests. The body is taken as bytes because the signature covers the exact bytes.
/// A message that fails a check throws <see cref="Application.Messaging.PoisonMessageException"/> with its reason.
/// </summary>
public sealed class PartnerBookingRequestsFunction(ProcessPartnerBookingRequest process)
{
    [Function("ProcessPartnerBookingRequests")]
    public Task Run(
        [ServiceBusTrigger("%ServiceBus:PartnerBookingRequestsQueue%", Connection = ConfirmationFunctions.Connection)] byte[] message,
        IDictionary<string, object> applicationProperties,
        CancellationToken ct) =>
        process.HandleAsync(message, applicationProperties.ToDictionary(p => p.Key, p => p.Value?.ToString() ?? string.Empty), ct);
}
