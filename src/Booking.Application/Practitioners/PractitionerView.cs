using Booking.Domain.Practitioners;

namespace Booking.Application.Practitioners;

public sealed record PractitionerView(string PractitionerId, string DisplayName, string Specialty, string City, string TimeZone)
{
    public static PractitionerView Of(Practitioner p) =>
        new(p.Id, p.Profile.DisplayName, p.Profile.Specialty, p.Profile.City, p.Profile.TimeZone);
}
