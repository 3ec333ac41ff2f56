using Booking.Application.Common;
using Booking.Application.Idempotency;
using Booking.Application.Messaging;
using Booking.Application.Practitioners;
using Booking.Application.Privacy;
using Booking.Application.Reminders;
using Booking.Application.Retention;
using Booking.Application.Search;
using Booking.Application.Storage;
using Booking.Domain.Appointments;
using Booking.Domain.Practitioners;

namespace Booking.Application.Booking;

/// <summary>
/// A patient books a free slot. The steps are ordered so that a crash at any point loses nothing and a retry
/// under the same Idempotency-Key finishes the job: the appointment is written (pending) and filed under the
/// patient, then the slot is held by a conditional write of the practitioner's day (the only step that can
/// lose a race), then the appointment is confirmed. Its entries in the retention and reminder indexes are written
/// before the writes they index, so a crash never leaves an appointment the purge or the reminders can't find.
/// </summary>
public sealed class BookAppointment(
    IDocumentStore<Practitioner> practitioners,
    IDocumentStore<Appointment> appointments,
    IDocumentStore<PatientAppointmentLink> links,
    SlotCatalog catalog,
    SlotHolder holder,
    AppointmentUpdater updater,
    PersonalDataDoor door,
    OutboxPublisher outbox,
    IdempotencyGuard idempotency,
    ReminderPlanner reminders,
    AppointmentRetentionPlanner retention,
    VisitRules rules,
    TimeProvider time)
{
    public async Task<Outcome<BookingReceipt>> HandleAsync(Caller caller, string? idempotencyKey, BookAppointmentCommand command, CancellationToken ct)
    {
        if (caller.Role != Role.Patient)
        {
            return Failure.Forbidden("Only patients book appointments.");
        }

        if (!IdempotencyKey.IsValid(idempotencyKey))
        {
            return Failure.Validation("Idempotency-Key", $"The Idempotency-Key header is required: 1 to {IdempotencyKey.MaxLength} printable ASCII characters.");
        }

        var valid = BookingValidator.Validate(command, time.GetCurrentInstant().InUtc().Date);
        if (!valid.Succeeded)
        {
            return valid.Failure;
        }

        return await idempotency.RunAsync<BookingReceipt, ValidBooking>(
            IdempotencyScope(caller.Subject), idempotencyKey!, valid.Value, (appointmentId, token) => BookAsync(caller.Subject, null, valid.Value, appointmentId, token), ct);
    }

    /// <summary>
    /// A partner books for a patient without an account here: the patient gets an id of their own (never the
    /// partner's request id, which the partner chose), and a replayed <paramref name="requestId"/> books nothing new.
    /// </summary>
    public async Task<Outcome<BookingReceipt>> HandleForPartnerAsync(string partnerId, string requestId, ValidBooking booking, CancellationToken ct) =>
        await idempotency.RunAsync<BookingReceipt, ValidBooking>(
            "partner:" + partnerId, requestId, booking, (appointmentId, token) => BookAsync("partner-patient-" + appointmentId, partnerId, booking, appointmentId, token), ct);

    /// <summary>
    /// A waitlisted patient takes the slot offered to them (held for them, so their own hold is converted): the normal
    /// booking, as that patient, under the offer's id as its idempotency key, so taking an offer twice books once.
    /// </summary>
    public async Task<Outcome<BookingReceipt>> HandleForOfferAsync(string patientId, string offerId, ValidBooking booking, CancellationToken ct) =>
        await idempotency.RunAsync<BookingReceipt, ValidBooking>(
            IdempotencyScope(patientId), "offer:" + offerId, booking, (appointmentId, token) => BookAsync(patientId, null, booking, appointmentId, token), ct);

    public static Failure UnknownVisitType { get; } = Failure.Validation("visitTypeId", "visitTypeId must name one of this practitioner's visit types.");

    /// <summary>Patients (and partners booking for them) are refused a type the practice books itself; a 400, as for any field naming what may not be asked.</summary>
    public static Failure NotBookableOnline { get; } = Failure.Validation("visitTypeId", "This visit type is not bookable online: the practice books it. Choose another visit type.");

    /// <summary>The partition of a patient's booking idempotency records.</summary>
    public static string IdempotencyScope(string patientId) => "booking:" + patientId;

    private async Task<Outcome<BookingReceipt>> BookAsync(string patientId, string? partnerId, ValidBooking booking, string appointmentId, CancellationToken ct)
    {
        var appointment = (await appointments.ReadAsync(AppointmentKeys.Appointment(appointmentId), ct))?.Value;
        DayReading? day = null;
        if (appointment is null)
        {
            var practitioner = await practitioners.ReadAsync(PractitionerKeys.Profile(booking.SlotId.PractitionerId), ct);
            var schedule = practitioner?.Value.Schedule;
            if (booking.VisitTypeId is not null && schedule?.FindType(booking.VisitTypeId) is null)
            {
                return UnknownVisitType;
            }

            var placement = practitioner is null ? null : catalog.Resolve(practitioner.Value, booking.SlotId, booking.VisitTypeId);
            if (placement is null)
            {
                return Failure.SlotTaken("This slot is not offered: it has passed, moved or never existed. Pick one from a current listing.");
            }

            var type = schedule!.TypeOf(placement.VisitTypeId);
            if (!type.BookableOnline)
            {
                return NotBookableOnline;
            }

            // No appointment yet, so the slot cannot be this booking's: when another holds it, refuse before
            // writing a pending appointment (with the patient's sealed data) that could only be abandoned.
            day = await holder.ReadDayAsync(practitioner!.Value.Id, placement, ct);
            if (day.IsTaken(placement, patientId))
            {
                return Failure.SlotTaken();
            }

            if (await rules.CheckAsync(patientId, practitioner!.Value.Id, schedule, type, placement, null, ct) is { } refusal)
            {
                return refusal;
            }

            var (patient, reason) = await door.SealAsync(patientId, appointmentId, booking.Patient, booking.Reason, ct);
            appointment = Appointment.Draft(
                appointmentId, practitioner!.Value.Id, patientId, placement, patient, reason, booking.Consent, time.GetCurrentInstant()) with { PartnerId = partnerId };
            await retention.PlanAsync(appointmentId, placement, ct);
            await links.UpsertAsync(AppointmentKeys.PatientLink(patientId, appointmentId), new PatientAppointmentLink(appointmentId), null, ct);
            await appointments.TryCreateAsync(AppointmentKeys.Appointment(appointmentId), appointment, null, ct);
        }

        if (appointment.Status == AppointmentStatus.Pending)
        {
            var held = await holder.HoldAsync(appointment.PractitionerId, appointment.Placement, appointmentId, appointment.PatientId, day, ct);
            if (held)
            {
                await reminders.PlanAsync(appointmentId, appointment.Placement, ct);
            }

            await outbox.ExpectEventsAsync(appointmentId, ct);
            appointment = await updater.UpdateAsync(appointmentId, a => held ? a.Confirm(time.GetCurrentInstant()) : a.Abandon(time.GetCurrentInstant()), ct);
        }

        await outbox.TryPublishAsync(appointmentId, ct);

        return appointment.Status is AppointmentStatus.Confirmed or AppointmentStatus.Cancelled
            ? new BookingReceipt(true, appointment.Id, appointment.PractitionerId, appointment.Placement.LocalStart, appointment.Placement.LocalEnd)
            : Failure.SlotTaken();
    }
}
