using Booking.Application.Booking;
using Booking.Application.Messaging;
using Booking.Application.Storage;
using Booking.Domain.Appointments;

namespace Booking.Application.Notifications;

/// <summary>
/// Tells the patient about one appointment event on one channel, if they consented to it. The event carries
/// ids only; the notifier opens the contact details just before sending, and sends each event once.
/// </summary>
public sealed class NotifyAppointmentEvent(IDocumentStore<Appointment> appointments, PatientNotifier notifier)
{
    public async Task<NotifyOutcome> HandleAsync(EventMessage message, NotificationChannel channel, CancellationToken ct)
    {
        var stored = await appointments.ReadAsync(AppointmentKeys.Appointment(message.AppointmentId), ct);
        if (stored is null || !stored.Value.IsVisible)
        {
            return NotifyOutcome.UnknownAppointment;
        }

        return await notifier.NotifyAsync(stored.Value, message.EventId, channel, facts => NotificationTexts.For(message.Type, facts), ct);
    }
}
