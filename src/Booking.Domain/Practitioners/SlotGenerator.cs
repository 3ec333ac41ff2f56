using NodaTime;
using NodaTime.TimeZones;

namespace Booking.Domain.Practitioners;

/// <summary>
/// Turns opening hours into slots of real time. Each range is mapped to the instants it really spans,
/// then cut into slots of the schedule's length: a local time that a spring-forward skips yields no slot,
/// and an autumn hour that repeats yields each of its real slots once, in order.
/// </summary>
public static class SlotGenerator
{
    // A range starting in a repeated hour starts at its first occurrence; one ending there ends at its
    // second. A bound that falls in a skipped hour moves to the instant the clocks jump.
    private static readonly ZoneLocalMappingResolver StartResolver =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);

    private static readonly ZoneLocalMappingResolver EndResolver =
        Resolvers.CreateMappingResolver(Resolvers.ReturnLater, Resolvers.ReturnStartOfIntervalAfter);

    /// <summary>The slots of the schedule's first type on <paramref name="date"/>.</summary>
    public static IEnumerable<SlotTime> SlotsOn(WeeklySchedule schedule, LocalDate date) => SlotsOn(schedule, date, schedule.Types[0]);

    /// <summary>The slots of <paramref name="type"/> on <paramref name="date"/>: its length, cut from the start of each of its ranges.</summary>
    public static IEnumerable<SlotTime> SlotsOn(WeeklySchedule schedule, LocalDate date, VisitType type)
    {
        var zone = schedule.Zone;
        var length = type.Length;
        Instant? previousEnd = null;
        foreach (var hours in schedule.HoursOn(date, type))
        {
            var start = zone.ResolveLocal(date.At(hours.Start), StartResolver).ToInstant();
            var end = zone.ResolveLocal(date.At(hours.End), EndResolver).ToInstant();

            // Ranges that meet in a repeated hour (01:00-02:30, 02:30-04:00) overlap in real time: the first
            // ends at the later 02:30, the next starts at the earlier one. Go on from where the last ended.
            if (previousEnd is { } last && start < last)
            {
                start = last;
            }

            for (var slotStart = start; slotStart + length <= end; slotStart += length)
            {
                yield return new SlotTime(slotStart, slotStart + length);
            }

            previousEnd = end;
        }
    }
}
