using NodaTime;

namespace Booking.Domain.Practitioners;

/// <summary>
/// A date whose hours differ from the week's: closed (no <see cref="Hours"/>), or open only during <see cref="Hours"/>.
/// </summary>
public sealed record ScheduleException(LocalDate Date, IReadOnlyList<LocalTimeRange> Hours)
{
    public bool Closed => Hours.Count == 0;
}
