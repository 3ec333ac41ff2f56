using Booking.Application.Privacy;

namespace Booking.Infrastructure.Notifications;

/// <summary>This build sends no notifications yet (they come with the messaging work), so none are on record.</summary>
public sealed class NoNotificationsSent : ISentNotificationLog
{
    public Task<IReadOnlyList<SentNotification>> ForPatientAsync(string patientId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SentNotification>>([]);
}
