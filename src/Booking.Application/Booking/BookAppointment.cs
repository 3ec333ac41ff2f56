using Booking.Application.Common;
using Booking.Application.Idempotency;
using Booking.Application.Messaging;
using Booking.Application.Practitioners;
using Booking.Application.Privacy;
using Booking.Application.Search;
using Booking.Application.Storage;
using Booking.Domain.Appointments;
using Booking.Domain.Practitioners;

namespace Booking.Application.Booking;

/// <summary>
/// A patient books a free slot, in as few store operations as crash safety allows (docs/data-model.md, "Access paths"):
/// the idempotency key is claimed (one create, which fixes the appointment id), the practitioner and the day are read, the
/// slot is held by a conditional write of the day (the only step that can lose a race), and the appointment is written once,
/// confirmed, with its event and still to be filed (<see cref="Appointment.ToFile"/>); the event is sent and the request
/// answers. Filing the appointment (under its patient, in the retention and reminder indexes) and clearing its outbox are
/// handed off the request path (<see cref="AppointmentFiling"/>); until that is done the appointment is unsettled, so the
/// outbox sweeper finishes it after a crash and the purge and the reminders always find it. A crash before the appointment
/// is written leaves at most the slot held under the claimed id: a retry under the same Idempotency-Key finds its own hold
/// and writes the appointment; no response was sent, so no acknowledged booking is lost.
/// </summary>
public sealed class BookAppointment(
    BookingSlotReader slotReader,
    IDocumentStore<Appointment> appointments,
    SlotCatalog catalog,
    SlotHolder holder,
    AppointmentUpdater updater,
    PersonalDataDoor door,
    OutboxPublisher outbox,
    AppointmentFiling filing,
    BackgroundWork background,
    IdempotencyGuard idempotency,
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
            IdempotencyScope(caller.Subject), idempotencyKey!, valid.Value, (attempt, token) => BookAsync(caller.Subject, null, valid.Value, attempt, token), ct);
    }

    /// <summary>
    /// A partner books for a patient without an account here: the patient gets an id of their own (never the
    /// partner's request id, which the partner chose), and a replayed <paramref name="requestId"/> books nothing new.
    /// </summary>
    public async Task<Outcome<BookingReceipt>> HandleForPartnerAsync(string partnerId, string requestId, ValidBooking booking, CancellationToken ct) =>
        await idempotency.RunAsync<BookingReceipt, ValidBooking>(
            "partner:" + partnerId, requestId, booking, (attempt, token) => BookAsync("partner-patient-" + attempt.OperationId, partnerId, booking, attempt, token), ct);

    /// <summary>
    /// A waitlisted patient takes the slot offered to them (held for them, so their own hold is converted): the normal
    /// booking, as that patient, under the offer's id as its idempotency key, so taking an offer twice books once.
    /// </summary>
    public async Task<Outcome<BookingReceipt>> HandleForOfferAsync(string patientId, string offerId, ValidBooking booking, CancellationToken ct) =>
        await idempotency.RunAsync<BookingReceipt, ValidBooking>(
            IdempotencyScope(patientId), "offer:" + offerId, booking, (attempt, token) => BookAsync(patientId, null, booking, attempt, token), ct);

    public static Failure UnknownVisitType { get; } = Failure.Validation("visitTypeId", "visitTypeId must name one of this practitioner's visit types.");

    /// <summary>Patients (and partners booking for them) are refused a type the practice books itself; a 400, as for any field naming what may not be asked.</summary>
    public static Failure NotBookableOnline { get; } = Failure.Validation("visitTypeId", "This visit type is not bookable online: the practice books it. Choose another visit type.");

    /// <summary>The partition of a patient's booking idempotency records.</summary>
    public static string IdempotencyScope(string patientId) => "booking:" + patientId;

    private async Task<Outcome<BookingReceipt>> BookAsync(string patientId, string? partnerId, ValidBooking booking, IdempotentAttempt attempt, CancellationToken ct)
    {
        var appointmentId = attempt.OperationId;
        if (!attempt.IsFirst && (await appointments.ReadAsync(AppointmentKeys.Appointment(appointmentId), ct))?.Value is { } written)
        {
            return await FinishAsync(written, ct);
        }

        var read = await slotReader.ReadAsync(booking.SlotId, ct);
        var practitioner = read.Practitioner;
        var schedule = practitioner?.Schedule;
        if (booking.VisitTypeId is not null && schedule?.FindType(booking.VisitTypeId) is null)
        {
            return UnknownVisitType;
        }

        if (practitioner is null || catalog.Resolve(practitioner, booking.SlotId, booking.VisitTypeId) is not { } placement)
        {
            return Failure.SlotTaken("This slot is not offered: it has passed, moved or never existed. Pick one from a current listing.");
        }

        var type = schedule!.TypeOf(placement.VisitTypeId);
        if (!type.BookableOnline)
        {
            return NotBookableOnline;
        }

        // Refuse a slot another holds before sealing anything; the day read is also the ETag the hold is written on.
        var day = read.DayOf(placement) ?? await holder.ReadDayAsync(practitioner.Id, placement, ct);
        if (day.IsTaken(placement, patientId, appointmentId))
        {
            return Failure.SlotTaken();
        }

        if (await rules.CheckAsync(patientId, practitioner.Id, schedule, type, placement, null, ct) is { } refusal)
        {
            return refusal;
        }

        // A partner's patient is made for this booking: on its first attempt, no key of theirs can exist yet.
        var (patient, reason) = await door.SealAsync(patientId, appointmentId, booking.Patient, booking.Reason, ct, patientIsNew: partnerId is not null && attempt.IsFirst);
        if (!await holder.HoldAsync(practitioner.Id, placement, appointmentId, patientId, day, ct))
        {
            return Failure.SlotTaken();
        }

        var now = time.GetCurrentInstant();
        var appointment = Appointment.Draft(appointmentId, practitioner.Id, patientId, placement, patient, reason, booking.Consent, now)
            .Confirm(now) with { PartnerId = partnerId, ToFile = true };
        if (await appointments.TryCreateAsync(AppointmentKeys.Appointment(appointmentId), appointment, null, ct) is null)
        {
            // Another attempt under the same key (a retry racing this one) wrote it first: answer as it does.
            return await FinishAsync(await updater.UpdateAsync(appointmentId, a => a, ct), ct);
        }

        var sent = await outbox.TrySendAsync(appointment, ct);
        var sentIds = sent ? appointment.Outbox.Select(e => e.EventId).ToHashSet() : null;
        background.Start("filing a booked appointment", async token =>
        {
            await filing.FileAsync(appointmentId, token); // as stored by then: an erasure or a move since is seen
            await outbox.PublishAsync(appointment, sentIds, filed: true, token);
        });
        return Receipt(appointment);
    }

    /// <summary>
    /// A repeat of a booking whose appointment is written: finishes what the first attempt may have left (filing, events,
    /// or, for an appointment left pending by an earlier version, the hold), then answers from the appointment.
    /// </summary>
    private async Task<Outcome<BookingReceipt>> FinishAsync(Appointment appointment, CancellationToken ct)
    {
        if (appointment.Status == AppointmentStatus.Pending)
        {
            var held = await holder.HoldAsync(appointment.PractitionerId, appointment.Placement, appointment.Id, appointment.PatientId, ct);
            appointment = await updater.UpdateAsync(
                appointment.Id, a => (held ? a.Confirm(time.GetCurrentInstant()) : a.Abandon(time.GetCurrentInstant())) with { ToFile = true }, ct);
        }

        if (appointment.Outbox.Count > 0)
        {
            await filing.FileAsync(appointment, ct);
            if (!outbox.MayStillBeInFlight(appointment))
            {
                await outbox.TryPublishAsync(appointment, filed: true, ct);
            }
        }

        return appointment.Status is AppointmentStatus.Confirmed or AppointmentStatus.Cancelled ? Receipt(appointment) : Failure.SlotTaken();
    }

    private static BookingReceipt Receipt(Appointment appointment) =>
        new(true, appointment.Id, appointment.PractitionerId, appointment.Placement.LocalStart, appointment.Placement.LocalEnd);
}
