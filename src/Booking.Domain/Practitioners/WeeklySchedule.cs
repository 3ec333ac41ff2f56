using NodaTime;

namespace Booking.Domain.Practitioners;

/// <summary>
/// When a practitioner receives, in their IANA zone. Slots are offered from today to
/// <see cref="HorizonDays"/> days ahead (today counts as the first), never sooner than
/// <see cref="MinNoticeMinutes"/> from now.
/// </summary>
public sealed record WeeklySchedule(
    string TimeZone,
    int SlotMinutes,
    IReadOnlyList<OpeningHours> Weekly,
    IReadOnlyList<ScheduleException> Exceptions,
    int HorizonDays,
    int MinNoticeMinutes)
{
    public const int MinSlotMinutes = 5;
    public const int MaxSlotMinutes = 480;
    public const int DefaultHorizonDays = 28;
    public const int MaxHorizonDays = 366;
    public const int DefaultMinNoticeMinutes = 60;
    public const int MaxMinNoticeMinutes = 60 * 24 * 30;
    public const int MaxOpeningHours = 100;
    public const int MaxExceptions = 400;

    public DateTimeZone Zone => DateTimeZoneProviders.Tzdb[TimeZone];

    public Duration SlotLength => Duration.FromMinutes(SlotMinutes);

    /// <summary>The hours open on <paramref name="date"/>: the exception's if there is one, else the weekday's.</summary>
    public IEnumerable<LocalTimeRange> HoursOn(LocalDate date)
    {
        var exception = Exceptions.FirstOrDefault(e => e.Date == date);
        return exception is not null
            ? exception.Hours
            : Weekly.Where(w => w.Day == date.DayOfWeek).Select(w => w.Hours);
    }

    /// <summary>The last date slots are offered on, counting <paramref name="today"/> as the first of the horizon.</summary>
    public LocalDate LastBookableDate(LocalDate today) => today.PlusDays(HorizonDays - 1);

    /// <summary>The earliest start a patient may book at <paramref name="now"/>.</summary>
    public Instant EarliestBookableStart(Instant now) => now + Duration.FromMinutes(MinNoticeMinutes);
}
