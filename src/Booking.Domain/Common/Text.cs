namespace Booking.Domain.Common;

/// <summary>Checks for free-text fields: present, trimmed, bounded, no control characters.</summary>
public static class Text
{
    public static string? Required(string? value, string field, int maxLength, List<DomainError> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new DomainError("required", $"{field} is required.", field));
            return null;
        }

        return Optional(value, field, maxLength, errors);
    }

    public static string? Optional(string? value, string field, int maxLength, List<DomainError> errors)
    {
        if (value is null)
        {
            return null;
        }

        var trimmed = value.Trim();
        if (trimmed.Length > maxLength)
        {
            errors.Add(new DomainError("too-long", $"{field} must be at most {maxLength} characters.", field));
            return null;
        }

        if (trimmed.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            errors.Add(new DomainError("invalid-characters", $"{field} must not contain control characters.", field));
            return null;
        }

        return trimmed;
    }
}
