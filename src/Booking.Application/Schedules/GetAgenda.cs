using Booking.Application.Booking;
using Booking.Application.Common;
using Booking.Application.Practitioners;
using Booking.Application.Privacy;
using Booking.Application.Storage;
using Booking.Domain.Appointments;
using Booking.Domain.Common;
using Booking.Domain.Practitioners;
using NodaTime;

namespace Booking.Application.Schedules;

public sealed record Agenda(LocalDate Date, IReadOnlyList<AppointmentView> Appointments);

/// <summary>A practitioner (or an operator) reads one local day's appointments, with the patients' details.</summary>
public sealed class GetAgenda(
    IDocumentStore<Practitioner> practitioners, IDocumentStore<PractitionerDay> days, IDocumentStore<Appointment> appointments, PersonalDataDoor door, TimeProvider time)
{
    public async Task<Outcome<Agenda>> HandleAsync(Caller caller, string practitionerId, string? dateText, CancellationToken ct)
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
        if (errors.Count > 0)
        {
            return Failure.Validation(errors);
        }

        var day = await days.ReadAsync(PractitionerKeys.Day(practitionerId, date!.Value), ct);
        var views = new List<AppointmentView>();
        foreach (var id in day?.Value.AppointmentIds ?? [])
        {
            var stored = await appointments.ReadAsync(AppointmentKeys.Appointment(id), ct);
            if (stored is { Value.IsVisible: true } && stored.Value.Placement.Date == date && stored.Value.PractitionerId == practitionerId)
            {
                views.Add(await door.OpenAsync(caller, AccessPurpose.PractitionerAgenda, stored.Value, ct));
            }
        }

        return new Agenda(date.Value, views.OrderBy(v => v.Start.ToInstant()).ToList());
    }
}
