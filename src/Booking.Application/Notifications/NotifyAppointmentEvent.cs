using Booking.Application.Booking;
using Booking.Application.Messaging;
using Booking.Application.Storage;
using Booking.Domain.Appointments;

namespace Booking.Application.Notifications;

/// <summary>
/// Tells the patient about one appointment event on one channel, if they consented to it. The event carries
/// ids only; the notifier opens the contact details just before sending, and sends each event once.
/// </summary>
public sealed class NotifyAppointmentEvent(IDocumentStore<Appointment> appointments, PatientNotifier notifier, TimeProvider time)
{
    /// <summary>Handles one delivery of <paramref name="message"/>; a store that is briefly unavailable is retried here first.</summary>
    public Task<NotifyOutcome> HandleAsync(EventMessage message, NotificationChannel channel, CancellationToken ct) =>
        TransientRetry.RunAsync(token => NotifyAsync(message, channel, token), time, ct);

    private async Task<NotifyOutcome> NotifyAsync(EventMessage message, NotificationChannel channel, CancellationToken ct)
    {
        var stored = await appointments.ReadAsync(AppointmentKeys.Appointment(message.AppointmentId), ct);
        if (stored is null || !stored.Value.IsVisible)
        {
            return NotifyOutcome.UnknownAppointment;
        }

        return await notifier.NotifyAsync(stored.Value, message.EventId, channel, facts => NotificationTexts.For(message.Type, facts), ct);
    }
}
