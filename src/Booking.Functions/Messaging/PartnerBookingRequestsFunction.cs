using Booking.Application.Partners;
using Booking.Functions.Bindings;
using Microsoft.Azure.Functions.Worker;

namespace Booking.Functions.Messaging;

/// <summary>
/// Partners' signed booking requests. The body is taken as bytes because the signature covers the exact bytes.
/// A message that fails a check is refused and settled by the use case (recorded, answered), never thrown back.
/// </summary>
public sealed class PartnerBookingRequestsFunction(ProcessPartnerBookingRequest process)
{
    [Function(ProcessPartnerBookingRequest.Consumer)]
    public Task Run(
        [ServiceBusTrigger("%ServiceBus:PartnerBookingRequestsQueue%", Connection = ConfirmationFunctions.Connection)] byte[] message,
        IDictionary<string, object> applicationProperties,
        string messageId,
        CancellationToken ct) =>
        process.HandleAsync(message, applicationProperties.ToDictionary(p => p.Key, p => p.Value?.ToString() ?? string.Empty), messageId, ct);
}
