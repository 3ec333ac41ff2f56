using Booking.Application.Search;
using Booking.Domain.Practitioners;

namespace Booking.Application.Practitioners;

/// <summary>A practitioner's public profile; <see cref="VisitTypes"/> are the types patients book online (none before a schedule is published).</summary>
public sealed record PractitionerView(string PractitionerId, string DisplayName, string Specialty, string City, string TimeZone, IReadOnlyList<VisitType> VisitTypes)
{
    public static PractitionerView Of(Practitioner p) =>
        new(p.Id, p.Profile.DisplayName, p.Profile.Specialty, p.Profile.City, p.Profile.TimeZone, OnlineVisitTypes.Of(p.Schedule));
}
