using Booking.Application.Booking;
using Booking.Application.Common;
using Booking.Application.Practitioners;
using Booking.Application.Privacy;
using Booking.Application.Storage;
using Booking.Domain.Appointments;
using Booking.Domain.Practitioners;
using NodaTime;

namespace Booking.Application.ManageLinks;

/// <summary>What a manage link shows: when, with whom and in what state — nothing about the patient, no reason, no specialty.</summary>
public sealed record ManagedAppointmentView(string AppointmentId, AppointmentStatus Status, OffsetDateTime Start, OffsetDateTime End, string PractitionerName);

/// <summary>
/// The holder of a manage link views or cancels the one appointment it names, without logging in. A link that
/// is malformed, tampered with or expired names nothing: 404, exactly as for an unknown appointment. Every use
/// is written to the access log under the link's fingerprint (never the link itself).
/// </summary>
public sealed class ManageAppointmentByLink(
    ManageLinkTokens tokens,
    IDocumentStore<Appointment> appointments,
    IDocumentStore<Practitioner> practitioners,
    CancelAppointment cancel,
    PersonalDataDoor door)
{
    public const string Principal = "manage-link";
    public const string Role = "link-holder";

    public async Task<Outcome<ManagedAppointmentView>> ViewAsync(string? token, CancellationToken ct)
    {
        var appointment = await FindAsync(token, ct);
        if (appointment is null)
        {
            return Failure.NotFound("appointment");
        }

        await RecordAsync(AccessPurpose.LinkHolderViewsAppointment, token!, appointment, ct);
        return await ViewOfAsync(appointment, ct);
    }

    public async Task<Outcome<ManagedAppointmentView>> CancelAsync(string? token, CancellationToken ct)
    {
        var appointment = await FindAsync(token, ct);
        if (appointment is null)
        {
            return Failure.NotFound("appointment");
        }

        await RecordAsync(AccessPurpose.LinkHolderCancelsAppointment, token!, appointment, ct);
        var cancelled = await cancel.HandleAsync(new Caller(appointment.PatientId, Common.Role.Patient), appointment.Id, ct);
        if (!cancelled.Succeeded)
        {
            return cancelled.Failure;
        }

        // A cancellation changes the status only: the appointment found above says everything else.
        return await ViewOfAsync(appointment with { Status = cancelled.Value.Status }, ct);
    }

    private async Task<Appointment?> FindAsync(string? token, CancellationToken ct)
    {
        var appointmentId = await tokens.ReadAsync(token, ct);
        if (appointmentId is null)
        {
            return null;
        }

        var stored = await appointments.ReadAsync(AppointmentKeys.Appointment(appointmentId), ct);
        return stored is { Value.IsVisible: true } ? stored.Value : null;
    }

    private Task RecordAsync(string purpose, string token, Appointment appointment, CancellationToken ct) =>
        door.RecordReadAsync(Principal, Role, purpose, appointment.PatientId, appointment.Id, ManageLinkTokens.Fingerprint(token), ct);

    private async Task<ManagedAppointmentView> ViewOfAsync(Appointment a, CancellationToken ct)
    {
        var practitioner = await practitioners.ReadAsync(PractitionerKeys.Profile(a.PractitionerId), ct);
        return new ManagedAppointmentView(
            a.Id, a.Status, a.Placement.LocalStart, a.Placement.LocalEnd, practitioner?.Value.Profile.DisplayName ?? "your practitioner");
    }
}
