using Booking.Application.Common;
using Booking.Domain.Appointments;
using Booking.Domain.Common;
using Booking.Domain.Patients;
using Booking.Domain.Practitioners;
using NodaTime;

namespace Booking.Application.Booking;

public static class BookingValidator
{
    public static Outcome<ValidBooking> Validate(BookAppointmentCommand command, LocalDate today)
    {
        var errors = new List<DomainError>();
        var slotId = SlotId.TryParse(command.SlotId);
        if (slotId is null)
        {
            errors.Add(new DomainError(command.SlotId is null ? "required" : "invalid-slot-id", "slotId must be a slot id from a slot listing.", "slotId"));
        }

        PatientDetails? patient = null;
        if (command.Patient is null)
        {
            errors.Add(new DomainError("required", "patient is required.", "patient"));
        }
        else
        {
            var p = command.Patient;
            var details = PatientDetails.Create(p.FirstName, p.LastName, p.Email, p.Phone, p.BirthDate, today);
            errors.AddRange(details.Errors);
            patient = details.Value;
        }

        var visitTypeId = command.VisitTypeId;
        if (visitTypeId is not null && (visitTypeId.Length is 0 or > VisitType.MaxIdLength))
        {
            errors.Add(new DomainError("invalid-visit-type-id", $"visitTypeId must be 1 to {VisitType.MaxIdLength} characters.", "visitTypeId"));
        }

        var reason = Text.Optional(command.Reason, "reason", Appointment.MaxReasonLength, errors);
        if (command.Consent is { Email: null } or { Sms: null } || command.Consent is null)
        {
            errors.Add(new DomainError("required", "consent.email and consent.sms are required (true or false).", "consent"));
        }

        return errors.Count > 0
            ? Failure.Validation(errors)
            : new ValidBooking(slotId!, patient!, string.IsNullOrEmpty(reason) ? null : reason,
                new Consent(command.Consent!.Email!.Value, command.Consent.Sms!.Value), visitTypeId);
    }
}
