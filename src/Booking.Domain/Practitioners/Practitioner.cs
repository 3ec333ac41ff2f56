using Booking.Domain.Common;

namespace Booking.Domain.Practitioners;

/// <summary>
/// A practitioner patients can book. <see cref="SlotKey"/> is a random secret of this practitioner's that
/// makes slot ids opaque yet stable: the same opening yields the same id every time it is listed.
/// </summary>
public sealed record Practitioner(
    string Id,
    PractitionerProfile Profile,
    string SlotKey,
    WeeklySchedule? Schedule)
{
    public static Practitioner Register(PractitionerProfile profile) =>
        new(OpaqueId.New(), profile, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)), null);

    public Practitioner Publish(WeeklySchedule schedule) =>
        this with { Schedule = schedule, Profile = Profile with { TimeZone = schedule.TimeZone } };

    public SlotIds SlotIds => new(Id, Convert.FromBase64String(SlotKey));
}
