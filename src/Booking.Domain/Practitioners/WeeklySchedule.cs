using NodaTime;

namespace Booking.Domain.Practitioners;

/// <summary>
/// When a practitioner receives, in their IANA zone. Slots are offered from today to
/// <see cref="HorizonDays"/> days ahead (today counts as the first), never sooner than
/// <see cref="MinNoticeMinutes"/> from now. <see cref="VisitTypes"/> null or empty (schedules published
/// before visit types existed): one default type of <see cref="SlotMinutes"/>.
/// <see cref="MinDaysBetweenAppointments"/> (0: no rule) is the least number of days between two confirmed
/// appointments of one patient with this practitioner.
/// </summary>
public sealed record WeeklySchedule(
    string TimeZone,
    int SlotMinutes,
    IReadOnlyList<OpeningHours> Weekly,
    IReadOnlyList<ScheduleException> Exceptions,
    int HorizonDays,
    int MinNoticeMinutes,
    IReadOnlyList<VisitType>? VisitTypes = null,
    int MinDaysBetweenAppointments = 0)
{
    public const int MinSlotMinutes = 5;
    public const int MaxSlotMinutes = 480;
    public const int DefaultHorizonDays = 28;
    public const int MaxHorizonDays = 366;
    public const int DefaultMinNoticeMinutes = 60;
    public const int MaxMinNoticeMinutes = 60 * 24 * 30;
    public const int MaxOpeningHours = 100;
    public const int MaxExceptions = 400;
    public const int MaxMinDaysBetweenAppointments = 365;

    public DateTimeZone Zone => DateTimeZoneProviders.Tzdb[TimeZone];

    public Duration SlotLength => Duration.FromMinutes(SlotMinutes);

    /// <summary>The types offered, in the order published: never empty.</summary>
    public IReadOnlyList<VisitType> Types => VisitTypes is { Count: > 0 } types ? types : [VisitType.Default(SlotMinutes)];

    /// <summary>The type named <paramref name="visitTypeId"/>, or when null the first type patients book online; null when there is none.</summary>
    public VisitType? FindType(string? visitTypeId) =>
        visitTypeId is null
            ? Types.FirstOrDefault(t => t.BookableOnline)
            : Types.FirstOrDefault(t => t.VisitTypeId == visitTypeId);

    /// <summary>The type a slot placement names (null: the default type); the first type when it is no longer offered.</summary>
    public VisitType TypeOf(string? placementVisitTypeId) =>
        Types.FirstOrDefault(t => t.VisitTypeId == (placementVisitTypeId ?? VisitType.DefaultId)) ?? Types[0];

    /// <summary>The hours open on <paramref name="date"/>: the exception's if there is one, else the weekday's.</summary>
    public IEnumerable<LocalTimeRange> HoursOn(LocalDate date)
    {
        var exception = Exceptions.FirstOrDefault(e => e.Date == date);
        return exception is not null
            ? exception.Hours
            : Weekly.Where(w => w.Day == date.DayOfWeek).Select(w => w.Hours);
    }

    /// <summary>The hours that offer <paramref name="type"/> on <paramref name="date"/>, in order.</summary>
    public IEnumerable<LocalTimeRange> HoursOn(LocalDate date, VisitType type) => type.HoursWithin(HoursOn(date), date.DayOfWeek);

    /// <summary>The last date slots are offered on, counting <paramref name="today"/> as the first of the horizon.</summary>
    public LocalDate LastBookableDate(LocalDate today) => today.PlusDays(HorizonDays - 1);

    /// <summary>The earliest start a patient may book at <paramref name="now"/>.</summary>
    public Instant EarliestBookableStart(Instant now) => now + Duration.FromMinutes(MinNoticeMinutes);
}
