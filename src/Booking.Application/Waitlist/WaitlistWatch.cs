using NodaTime;

namespace Booking.Application.Waitlist;

/// <summary>
/// That a practitioner has patients waiting: what the offer timer reads (one small partition) to know whose slots to
/// look at. Expires with the practitioner's last entry (<see cref="ExpiresAt"/>, kept to extend it).
/// </summary>
public sealed record WaitlistWatch(string PractitionerId, Instant ExpiresAt);
