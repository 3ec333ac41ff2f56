using NodaTime;

namespace Booking.Application.Waitlist;

/// <summary>
/// That a practitioner has patients waiting: what the offer timer reads (one small partition) to know whose slots to
/// look at. Expires with the practitioner's last entry (<see cref="ExpiresAt"/>, kept to extend it). <see cref="LastPosition"/>
/// numbers the practitioner's entries in the order they were made (taken by a conditional write, so two patients joining at
/// the same instant still get one order): first come, first offered.
/// </summary>
public sealed record WaitlistWatch(string PractitionerId, Instant ExpiresAt, long LastPosition = 0);
