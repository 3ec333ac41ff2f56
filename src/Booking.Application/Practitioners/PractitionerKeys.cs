using Booking.Application.Storage;
using Booking.Domain.Common;
using Booking.Domain.Practitioners;
using NodaTime;

namespace Booking.Application.Practitioners;

/// <summary>Where practitioner data lives: the profile and each held day in the practitioner's own partition; directory entries per city.</summary>
public static class PractitionerKeys
{
    public static DocumentKey Profile(string practitionerId) => new(practitionerId, "profile");

    public static DocumentKey Day(string practitionerId, LocalDate date) =>
        new(practitionerId, "day-" + date.ToString("uuuu-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

    public static string DirectoryPartition(string city) => "city:" + TextNormalizer.ForMatching(city);

    public static DocumentKey DirectoryEntry(string city, string practitionerId) => new(DirectoryPartition(city), practitionerId);
}
