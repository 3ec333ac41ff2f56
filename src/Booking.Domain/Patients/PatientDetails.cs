using System.Net.Mail;
using Booking.Domain.Common;
using NodaTime;
using NodaTime.Text;
using PhoneNumbers;

namespace Booking.Domain.Patients;

/// <summary>
/// Who the appointment is for. All of it is personal data: it never goes into a log, a message or an id.
/// <see cref="Phone"/> is E.164; <see cref="BirthDate"/> is a calendar date.
/// </summary>
public sealed record PatientDetails(
    [property: PersonalData] string FirstName,
    [property: PersonalData] string LastName,
    [property: PersonalData] string Email,
    [property: PersonalData] string Phone,
    [property: PersonalData] LocalDate BirthDate)
{
    public const int MaxNameLength = 100;
    public const int MaxEmailLength = 254;
    public const int MaxPhoneLength = 32;
    public const string DefaultPhoneRegion = "FR";

    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    /// <summary>Checks every field; <paramref name="today"/> bounds the birth date.</summary>
    public static Result<PatientDetails> Create(
        string? firstName, string? lastName, string? email, string? phone, string? birthDate, LocalDate today, string prefix = "patient")
    {
        var errors = new List<DomainError>();
        var first = Text.Required(firstName, $"{prefix}.firstName", MaxNameLength, errors);
        var last = Text.Required(lastName, $"{prefix}.lastName", MaxNameLength, errors);
        var mail = ParseEmail(email, $"{prefix}.email", errors);
        var e164 = ParsePhone(phone, $"{prefix}.phone", errors);
        var born = ParseBirthDate(birthDate, $"{prefix}.birthDate", today, errors);
        return errors.Count > 0
            ? Result<PatientDetails>.Failure(errors)
            : new PatientDetails(first!, last!, mail!, e164!, born!.Value);
    }

    private static string? ParseEmail(string? email, string field, List<DomainError> errors)
    {
        var trimmed = email?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            errors.Add(new DomainError("required", $"{field} is required.", field));
            return null;
        }

        if (trimmed.Length > MaxEmailLength
            || !MailAddress.TryCreate(trimmed, out var address)
            || address.Address != trimmed
            || !address.Host.Contains('.', StringComparison.Ordinal)
            || trimmed.Any(char.IsWhiteSpace))
        {
            errors.Add(new DomainError("invalid-email", $"{field} must be an email address such as name@example.org.", field));
            return null;
        }

        return trimmed;
    }

    private static string? ParsePhone(string? phone, string field, List<DomainError> errors)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            errors.Add(new DomainError("required", $"{field} is required.", field));
            return null;
        }

        try
        {
            if (phone.Length <= MaxPhoneLength)
            {
                var parsed = Phones.Parse(phone, DefaultPhoneRegion);
                if (Phones.IsValidNumber(parsed))
                {
                    return Phones.Format(parsed, PhoneNumberFormat.E164);
                }
            }
        }
        catch (NumberParseException)
        {
            // Falls through to the validation error below.
        }

        errors.Add(new DomainError("invalid-phone", $"{field} must be a valid phone number, e.g. +33612345678.", field));
        return null;
    }

    private static LocalDate? ParseBirthDate(string? text, string field, LocalDate today, List<DomainError> errors)
    {
        var parsed = text is { Length: 10 } ? LocalDatePattern.Iso.Parse(text) : null;
        if (parsed is not { Success: true })
        {
            errors.Add(new DomainError("invalid-date", $"{field} must be a date YYYY-MM-DD.", field));
            return null;
        }

        if (parsed.Value > today || parsed.Value < today.PlusYears(-130))
        {
            errors.Add(new DomainError("out-of-range", $"{field} must be in the past 130 years.", field));
            return null;
        }

        return parsed.Value;
    }
}
