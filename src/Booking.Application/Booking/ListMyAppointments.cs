using Booking.Application.Common;
using Booking.Application.Paging;
using Booking.Application.Privacy;
using Booking.Application.Storage;
using Booking.Domain.Appointments;
using Booking.Domain.Common;

namespace Booking.Application.Booking;

/// <summary>
/// A patient lists their own appointments, soonest first (then by id), cancelled ones included, a page at a time.
/// Every appointment is read to order them; only those of the page are opened (and access-logged). A booking files its
/// link off its request path, so the patient's idempotency records of the last day (one more single-partition query) name
/// the appointments just booked whose link may not be there yet: the list shows a booking as soon as it is answered.
/// </summary>
public sealed class ListMyAppointments(
    PatientAppointmentIds patientAppointments,
    IDocumentStore<Appointment> appointments,
    PersonalDataDoor door,
    PageCursors cursors)
{
    public async Task<Outcome<Page<AppointmentView>>> HandleAsync(Caller caller, PageRequest request, CancellationToken ct)
    {
        if (caller.Role != Role.Patient)
        {
            return Failure.Forbidden("Only patients have their own appointments.");
        }

        var errors = new List<DomainError>();
        var limit = PageSize.Items.Parse(request.Limit, errors);
        if (errors.Count > 0)
        {
            return Failure.Validation(errors);
        }

        var scope = new PageScope("my-appointments", caller.Principal);
        var after = request.Cursor is null ? null : await cursors.ReadAsync(scope, request.Cursor, ct);
        if (request.Cursor is not null && !AppointmentOrder.IsPosition(after))
        {
            return PageCursors.Refused;
        }

        var ids = await patientAppointments.ListAsync(caller.Subject, ct);
        var mine = new List<Appointment>();
        foreach (var id in ids)
        {
            var stored = await appointments.ReadAsync(AppointmentKeys.Appointment(id), ct);
            if (stored is { Value.IsVisible: true } && stored.Value.PatientId == caller.Subject)
            {
                mine.Add(stored.Value);
            }
        }

        var (page, more) = PageWindow.Take(AppointmentOrder.After(mine, after), limit);
        var views = new List<AppointmentView>();
        foreach (var appointment in page)
        {
            views.Add(await door.OpenAsync(caller, AccessPurpose.PatientListsAppointments, appointment, ct));
        }

        var next = more ? await cursors.IssueAsync(scope, AppointmentOrder.PositionOf(page[^1]), ct) : null;
        return new Page<AppointmentView>(views, next);
    }
}
