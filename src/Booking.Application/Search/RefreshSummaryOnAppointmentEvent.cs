using Booking.Application.Booking;
using Booking.Application.Messaging;
using Booking.Application.Storage;
using Booking.Domain.Appointments;

namespace Booking.Application.Search;

/// <summary>
/// The <c>availability-summaries</c> subscription: every appointment event (booked, cancelled, rescheduled) refreshes
/// its practitioner's summaries, off the booking's request path. Idempotent: a refresh recomputes from the days, so a
/// redelivered event only refreshes again. An appointment already purged has nothing left to refresh for.
/// </summary>
public sealed class RefreshSummaryOnAppointmentEvent(IDocumentStore<Appointment> appointments, AvailabilitySummaries summaries)
{
    public async Task HandleAsync(EventMessage message, CancellationToken ct)
    {
        if (await appointments.ReadAsync(AppointmentKeys.Appointment(message.AppointmentId), ct) is { } appointment)
        {
            await summaries.RefreshAsync(appointment.Value.PractitionerId, ct);
        }
    }
}
