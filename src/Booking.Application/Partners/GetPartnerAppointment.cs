using Booking.Application.Booking;
using Booking.Application.Common;
using Booking.Application.Privacy;
using Booking.Application.Storage;
using Booking.Domain.Appointments;
using Booking.Domain.Common;
using Booking.Domain.Partners;

namespace Booking.Application.Partners;

/// <summary>What a partner may see of an appointment it created: ids, times and status — no patient, no reason, no specialty.</summary>
public sealed record PartnerAppointmentView(string AppointmentId, AppointmentStatus Status, string PractitionerId, SlotPlacement Placement);

/// <remarks>Every read is counted by the bulk-read alarm and written to the access log, for breach reports.</remarks>
public sealed class GetPartnerAppointment(IDocumentStore<Appointment> appointments, BulkReadAlarm alarm, PersonalDataDoor door)
{
    public static Failure PartnerSuspended { get; } = Failure.Forbidden("This partner is suspended.");

    public async Task<Outcome<PartnerAppointmentView>> HandleAsync(Partner partner, string? keyId, string appointmentId, CancellationToken ct)
    {
        if (partner.Suspended)
        {
            return PartnerSuspended;
        }

        var stored = OpaqueId.IsWellFormed(appointmentId) ? await appointments.ReadAsync(AppointmentKeys.Appointment(appointmentId), ct) : null;
        if (stored is null || !stored.Value.IsVisible || stored.Value.PartnerId != partner.Id)
        {
            return Failure.NotFound("appointment");
        }

        var a = stored.Value;
        if (!await alarm.AllowReadAsync(partner.Id, a.Id, ct))
        {
            return PartnerSuspended;
        }

        await door.RecordReadAsync("partner:" + partner.Id, "partner", AccessPurpose.PartnerReadsAppointment, a.PatientId, a.Id, keyId, ct);
        return new PartnerAppointmentView(a.Id, a.Status, a.PractitionerId, a.Placement);
    }
}
