using Booking.Domain.Practitioners;
using NodaTime;

namespace Booking.Domain.Tests.Practitioners;

public sealed class WeeklyScheduleTests
{
    private static readonly LocalDate Monday = new(2026, 5, 4);
    private static readonly LocalTimeRange Morning = new(new LocalTime(9, 0), new LocalTime(12, 0));
    private static readonly LocalTimeRange Afternoon = new(new LocalTime(14, 0), new LocalTime(17, 0));

    [Theory]
    [InlineData(1, 0)]
    [InlineData(28, 27)]
    public void EndsTheHorizonCountingTodayAsItsFirstDay(int horizonDays, int daysAfterToday)
    {
        var schedule = Schedule(horizonDays: horizonDays);

        Assert.Equal(Monday.PlusDays(daysAfterToday), schedule.LastBookableDate(Monday));
    }

    [Fact]
    public void OffersNothingSoonerThanTheNoticeFromNow()
    {
        var now = Instant.FromUtc(2026, 5, 4, 7, 10);

        Assert.Equal(Instant.FromUtc(2026, 5, 4, 8, 40), Schedule(minNoticeMinutes: 90).EarliestBookableStart(now));
    }

    [Fact]
    public void GivesEveryRangeOfTheWeekdayAndNoneOfAnotherDay()
    {
        var schedule = Schedule(weekly: [new(IsoDayOfWeek.Monday, Morning), new(IsoDayOfWeek.Tuesday, Afternoon), new(IsoDayOfWeek.Monday, Afternoon)]);

        Assert.Equal([Morning, Afternoon], schedule.HoursOn(Monday));
        Assert.Equal([Afternoon], schedule.HoursOn(Monday.PlusDays(1)));
        Assert.Empty(schedule.HoursOn(Monday.PlusDays(2)));
    }

    [Fact]
    public void GivesTheExceptionsHoursOnlyOnItsOwnDate()
    {
        var schedule = Schedule(
            weekly: [new(IsoDayOfWeek.Monday, Morning)],
            exceptions: [new ScheduleException(Monday, [Afternoon])]);

        Assert.Equal([Afternoon], schedule.HoursOn(Monday));
        Assert.Equal([Morning], schedule.HoursOn(Monday.PlusWeeks(1)));
    }

    [Fact]
    public void CutsSlotsOfTheScheduledLengthInTheScheduledZone()
    {
        var schedule = Schedule(slotMinutes: 45) with { TimeZone = "America/New_York" };

        Assert.Equal(Duration.FromMinutes(45), schedule.SlotLength);
        Assert.Equal("America/New_York", schedule.Zone.Id);
    }

    private static WeeklySchedule Schedule(
        int slotMinutes = 30, OpeningHours[]? weekly = null, ScheduleException[]? exceptions = null,
        int horizonDays = WeeklySchedule.DefaultHorizonDays, int minNoticeMinutes = WeeklySchedule.DefaultMinNoticeMinutes) =>
        new("Europe/Paris", slotMinutes, weekly ?? [], exceptions ?? [], horizonDays, minNoticeMinutes);
}
