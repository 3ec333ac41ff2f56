using Booking.Domain.Common;
using NodaTime;

namespace Booking.Domain.Practitioners;

/// <summary>What the directory shows about a practitioner. <see cref="TimeZone"/> is an IANA id.</summary>
public sealed record PractitionerProfile(string DisplayName, string Specialty, string City, string TimeZone)
{
    public const int MaxDisplayNameLength = 120;
    public const int MaxSpecialtyLength = 80;
    public const int MaxCityLength = 80;

    public DateTimeZone Zone => DateTimeZoneProviders.Tzdb[TimeZone];

    public static Result<PractitionerProfile> Create(string? displayName, string? specialty, string? city, string? timeZone)
    {
        var errors = new List<DomainError>();
        var name = Text.Required(displayName, "displayName", MaxDisplayNameLength, errors);
        var spec = Text.Required(specialty, "specialty", MaxSpecialtyLength, errors);
        var town = Text.Required(city, "city", MaxCityLength, errors);
        var zone = TimeZones.Parse(timeZone, "timeZone", errors);
        return errors.Count > 0
            ? Result<PractitionerProfile>.Failure(errors)
            : new PractitionerProfile(name!, spec!, town!, zone!.Id);
    }
}
