namespace Booking.Application.Privacy;

/// <summary>What was sent to a patient, for their export. Empty until notification senders record into it.</summary>
public interface ISentNotificationLog
{
    Task<IReadOnlyList<SentNotification>> ForPatientAsync(string patientId, CancellationToken cancellationToken);
}
