using Booking.Application.Booking;
using Booking.Application.Common;
using Booking.Application.Paging;
using Booking.Application.Practitioners;
using Booking.Application.Privacy;
using Booking.Application.Storage;
using Booking.Domain.Appointments;
using Booking.Domain.Common;
using Booking.Domain.Practitioners;
using NodaTime;

namespace Booking.Application.Schedules;

/// <summary>One page of a day's appointments; <see cref="Next"/> continues within the same day, null on the last page.</summary>
public sealed record Agenda(LocalDate Date, IReadOnlyList<AppointmentView> Appointments, string? Next);

/// <summary>
/// A practitioner (or an operator) reads one local day's appointments, with the patients' details, a page at a time
/// by start (then id). Every appointment of the day is read to order them; only those of the page are opened (and access-logged).
/// </summary>
public sealed class GetAgenda(
    IDocumentStore<Practitioner> practitioners, IDocumentStore<PractitionerDay> days, IDocumentStore<Appointment> appointments,
    PersonalDataDoor door, PageCursors cursors, TimeProvider time)
{
    public async Task<Outcome<Agenda>> HandleAsync(Caller caller, string practitionerId, string? dateText, PageRequest request, CancellationToken ct)
    {
        if (caller.Role == Role.Patient)
        {
            return Failure.Forbidden("Patients cannot read a practitioner's agenda.");
        }

        var practitioner = caller.ActsFor(practitionerId) && OpaqueId.IsWellFormed(practitionerId)
            ? await practitioners.ReadAsync(PractitionerKeys.Profile(practitionerId), ct)
            : null;
        if (practitioner is null)
        {
            return Failure.NotFound("practitioner");
        }

        var errors = new List<DomainError>();
        var date = dateText is null
            ? time.GetCurrentInstant().InZone(practitioner.Value.Profile.Zone).Date
            : ScheduleParser.ParseDate(dateText, "date", errors);
        var limit = PageSize.Items.Parse(request.Limit, errors);
        if (errors.Count > 0)
        {
            return Failure.Validation(errors);
        }

        // Bound to the day itself, not to `date` as asked: without one, a cursor of yesterday's agenda is refused today.
        var scope = new PageScope("agenda", practitionerId, date!.Value.ToString("uuuu-MM-dd", System.Globalization.CultureInfo.InvariantCulture), caller.Principal);
        var after = request.Cursor is null ? null : await cursors.ReadAsync(scope, request.Cursor, ct);
        if (request.Cursor is not null && !AppointmentOrder.IsPosition(after))
        {
            return PageCursors.Refused;
        }

        var day = await days.ReadAsync(PractitionerKeys.Day(practitionerId, date.Value), ct);
        var held = new List<Appointment>();
        foreach (var id in day?.Value.AppointmentIds ?? [])
        {
            var stored = await appointments.ReadAsync(AppointmentKeys.Appointment(id), ct);
            if (stored is { Value.IsVisible: true } && stored.Value.Placement.Date == date && stored.Value.PractitionerId == practitionerId)
            {
                held.Add(stored.Value);
            }
        }

        var (page, more) = PageWindow.Take(AppointmentOrder.After(held, after), limit);
        var views = new List<AppointmentView>();
        foreach (var appointment in page)
        {
            views.Add(await door.OpenAsync(caller, AccessPurpose.PractitionerAgenda, appointment, ct));
        }

        var next = more ? await cursors.IssueAsync(scope, AppointmentOrder.PositionOf(page[^1]), ct) : null;
        return new Agenda(date.Value, views, next);
    }
}
