using NodaTime;

namespace Booking.Domain.Practitioners;

/// <summary>A bookable span of real time: <see cref="Start"/> included, <see cref="End"/> excluded.</summary>
public readonly record struct SlotTime(Instant Start, Instant End)
{
    public bool Overlaps(SlotTime other) => Start < other.End && other.Start < End;
}
