using Booking.Application.Privacy;
using Booking.Application.Storage;

namespace Booking.Application.Notifications;

/// <summary>The notifications actually sent to a patient, from their delivery records (for the export).</summary>
public sealed class DeliveryLog(IDocumentStore<DeliveryRecord> deliveries) : ISentNotificationLog
{
    public async Task<IReadOnlyList<SentNotification>> ForPatientAsync(string patientId, CancellationToken cancellationToken) =>
        (await deliveries.ReadPartitionAsync(DeliveryRecord.Partition(patientId), cancellationToken))
            .Where(d => d.Value.SentAt is not null)
            .Select(d => new SentNotification(d.Value.AppointmentId, d.Value.Kind, d.Value.Channel.ToString().ToLowerInvariant(), d.Value.SentAt!.Value))
            .OrderBy(n => n.SentAt)
            .ToList();
}
