using Booking.Application.Booking;
using Booking.Application.Common;
using Booking.Domain.Common;
using Booking.Domain.Practitioners;
using NodaTime;
using NodaTime.Text;

namespace Booking.Application.Waitlist;

public static class WaitlistValidator
{
    // The booking's own checks of patient, reason and consent are reused, with a well-formed slot id standing in for the slot.
    private const string NoSlot = "AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAA.AAAAAAAAAAAA";

    /// <summary>
    /// Checks every field, the booking's own rules for patient, reason and consent. <paramref name="today"/> is the
    /// earliest date any zone may be at (UTC − 14 h): the practitioner's own today is checked once their zone is known.
    /// </summary>
    public static Outcome<ValidWaitlistRequest> Validate(JoinWaitlistCommand command, LocalDate today, int maxDaysAhead)
    {
        var errors = new List<DomainError>();
        if (!OpaqueId.IsWellFormed(command.PractitionerId))
        {
            errors.Add(new DomainError(command.PractitionerId is null ? "required" : "invalid", "practitionerId must be a practitioner id from a search.", "practitionerId"));
        }

        if (command.VisitTypeId is { } visitTypeId && (visitTypeId.Length is 0 or > VisitType.MaxIdLength))
        {
            errors.Add(new DomainError("invalid-visit-type-id", $"visitTypeId must be 1 to {VisitType.MaxIdLength} characters.", "visitTypeId"));
        }

        var before = command.Before is { Length: 10 } text ? LocalDatePattern.Iso.Parse(text) : null;
        if (before is not { Success: true })
        {
            errors.Add(new DomainError(command.Before is null ? "required" : "invalid-date", "before must be a date, YYYY-MM-DD.", "before"));
        }
        else if (before.Value < today || before.Value > today.PlusDays(maxDaysAhead))
        {
            errors.Add(new DomainError("out-of-range", $"before must be today or later, at most {maxDaysAhead} days ahead.", "before"));
        }

        var booking = BookingValidator.Validate(new BookAppointmentCommand(NoSlot, command.Patient, command.Reason, command.Consent), today);
        if (!booking.Succeeded)
        {
            errors.AddRange(booking.Failure.Errors!);
        }

        if (errors.Count > 0)
        {
            return Failure.Validation(errors);
        }

        return new ValidWaitlistRequest(command.PractitionerId!, command.VisitTypeId, before!.Value, booking.Value!.Patient, booking.Value.Reason, booking.Value.Consent);
    }
}
