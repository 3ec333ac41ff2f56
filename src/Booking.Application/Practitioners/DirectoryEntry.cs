using Booking.Domain.Common;
using Booking.Domain.Practitioners;

namespace Booking.Application.Practitioners;

/// <summary>A practitioner as search sees them, filed under their city so a search reads one partition.</summary>
public sealed record DirectoryEntry(string PractitionerId, string DisplayName, string Specialty, string City, string TimeZone, string SpecialtyKey)
{
    public static DirectoryEntry For(Practitioner practitioner) => new(
        practitioner.Id,
        practitioner.Profile.DisplayName,
        practitioner.Profile.Specialty,
        practitioner.Profile.City,
        practitioner.Profile.TimeZone,
        TextNormalizer.ForMatching(practitioner.Profile.Specialty));
}
