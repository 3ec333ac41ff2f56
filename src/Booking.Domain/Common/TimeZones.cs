using NodaTime;

namespace Booking.Domain.Common;

public static class TimeZones
{
    public static DateTimeZone? Parse(string? id, string field, List<DomainError> errors)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            errors.Add(new DomainError("required", $"{field} is required.", field));
            return null;
        }

        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(id.Trim());
        if (zone is null)
        {
            errors.Add(new DomainError("unknown-time-zone", $"{field} must be an IANA time zone id such as Europe/Paris.", field));
        }

        return zone;
    }
}
