using NodaTime;

namespace Booking.Domain.Practitioners;

/// <summary>Opening hours within one local day: from <see cref="Start"/> (included) to <see cref="End"/> (excluded).</summary>
public sealed record LocalTimeRange(LocalTime Start, LocalTime End)
{
    public bool Overlaps(LocalTimeRange other) => Start < other.End && other.Start < End;
}
