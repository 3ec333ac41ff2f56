using Booking.Domain.Practitioners;
using NodaTime;
using static Booking.Domain.Practitioners.ScheduleDraft;

namespace Booking.Domain.Tests.Practitioners;

public sealed class ScheduleParserTests
{
    [Fact]
    public void BuildsTheScheduleWithDefaultHorizonAndNoticeGivenAValidDraft()
    {
        var result = ScheduleParser.Parse(Draft(weekly: [new Opening("Monday", "09:00", "12:00"), new Opening("monday", "14:00", "18:00")]));

        Assert.True(result.IsSuccess);
        var schedule = result.Value;
        Assert.Equal("Europe/Paris", schedule.TimeZone);
        Assert.Equal(30, schedule.SlotMinutes);
        Assert.Equal(28, schedule.HorizonDays);
        Assert.Equal(60, schedule.MinNoticeMinutes);
        Assert.Equal(
            [new OpeningHours(IsoDayOfWeek.Monday, Range(9, 12)), new OpeningHours(IsoDayOfWeek.Monday, Range(14, 18))],
            schedule.Weekly);
    }

    [Fact]
    public void KeepsClosedDatesAndChangedHoursGivenValidExceptions()
    {
        var result = ScheduleParser.Parse(Draft(exceptions:
        [
            new DateException("2026-05-01", true, null, null),
            new DateException("2026-05-04", null, "10:00", "11:00"),
        ]));

        Assert.True(result.IsSuccess);
        var exceptions = result.Value.Exceptions.OrderBy(e => e.Date).ToList();
        Assert.Equal(new LocalDate(2026, 5, 1), exceptions[0].Date);
        Assert.True(exceptions[0].Closed);
        Assert.Equal(new LocalDate(2026, 5, 4), exceptions[1].Date);
        Assert.Equal([Range(10, 11)], exceptions[1].Hours);
    }

    [Fact]
    public void RejectsTheTimeZoneGivenAnUnknownZone()
    {
        AssertRejected(Draft(timeZone: "Europe/Atlantis"), "timeZone");
    }

    [Theory]
    [InlineData("9:00", "12:00", "weekly[0].start")]
    [InlineData("09:00", "24:00", "weekly[0].end")]
    [InlineData("09h00", "12:00", "weekly[0].start")]
    [InlineData(null, "12:00", "weekly[0].start")]
    public void RejectsTheTimeGivenNotHoursAndMinutes(string? start, string end, string field)
    {
        AssertRejected(Draft(weekly: [new Opening("monday", start, end)]), field);
    }

    [Theory]
    [InlineData("12:00", "12:00")]
    [InlineData("12:00", "09:00")]
    public void RejectsTheEndGivenItIsNotAfterTheStart(string start, string end)
    {
        AssertRejected(Draft(weekly: [new Opening("monday", start, end)]), "weekly[0].end");
    }

    [Fact]
    public void RejectsTheSecondOpeningGivenItOverlapsTheFirstOnTheSameDay()
    {
        AssertRejected(Draft(weekly: [new Opening("monday", "09:00", "12:00"), new Opening("monday", "11:30", "13:00")]), "weekly[1]");
    }

    [Fact]
    public void AcceptsTouchingOpeningsGivenOneEndsWhenTheNextStarts()
    {
        var result = ScheduleParser.Parse(Draft(weekly: [new Opening("monday", "09:00", "12:00"), new Opening("monday", "12:00", "13:00")]));

        Assert.True(result.IsSuccess);
    }

    [Fact]
    public void AcceptsTouchingOpeningsGivenTheLaterOneListedFirst()
    {
        var result = ScheduleParser.Parse(Draft(weekly: [new Opening("monday", "12:00", "13:00"), new Opening("monday", "09:00", "12:00")]));

        Assert.True(result.IsSuccess);
    }

    [Fact]
    public void AcceptsTheSameHoursGivenDifferentDays()
    {
        var result = ScheduleParser.Parse(Draft(weekly: [new Opening("monday", "09:00", "12:00"), new Opening("tuesday", "09:00", "12:00")]));

        Assert.True(result.IsSuccess);
    }

    [Theory]
    [InlineData("funday")]
    [InlineData("1")]
    [InlineData("0")]
    [InlineData("none")]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("monday,tuesday")]
    public void RejectsTheDayGivenNotAWeekdayName(string day)
    {
        AssertRejected(Draft(weekly: [new Opening(day, "09:00", "12:00")]), "weekly[0].day");
    }

    [Theory]
    [InlineData(4)]
    [InlineData(481)]
    [InlineData(0)]
    public void RejectsSlotMinutesGivenOutOfRange(int slotMinutes)
    {
        AssertRejected(Draft(slotMinutes: slotMinutes), "slotMinutes");
    }

    [Fact]
    public void RejectsSlotMinutesGivenNone()
    {
        AssertRejected(Draft() with { SlotMinutes = null }, "slotMinutes");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(367)]
    public void RejectsHorizonDaysGivenOutOfRange(int horizonDays)
    {
        AssertRejected(Draft() with { HorizonDays = horizonDays }, "horizonDays");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(60 * 24 * 30 + 1)]
    public void RejectsMinNoticeGivenOutOfRange(int minutes)
    {
        AssertRejected(Draft() with { MinNoticeMinutes = minutes }, "minNoticeMinutes");
    }

    [Fact]
    public void AcceptsTheBoundsGivenLimitValues()
    {
        var result = ScheduleParser.Parse(Draft(slotMinutes: 480) with { HorizonDays = 366, MinNoticeMinutes = 0 });

        Assert.True(result.IsSuccess);
    }

    [Fact]
    public void RejectsTheExceptionGivenClosedWithHours()
    {
        AssertRejected(Draft(exceptions: [new DateException("2026-05-01", true, "09:00", "12:00")]), "exceptions[0]");
    }

    [Fact]
    public void RejectsTheExceptionsGivenOneDateBothClosedAndOpenInTwoEntries()
    {
        AssertRejected(
            Draft(exceptions: [new DateException("2026-05-01", true, null, null), new DateException("2026-05-01", false, "09:00", "12:00")]),
            "exceptions");
    }

    [Theory]
    [InlineData("2026-02-30")]
    [InlineData("2026-5-1")]
    [InlineData("01/05/2026")]
    [InlineData("2026-05-01T00:00")]
    public void RejectsTheExceptionDateGivenNotARealDate(string date)
    {
        AssertRejected(Draft(exceptions: [new DateException(date, true, null, null)]), "exceptions[0].date");
    }

    [Fact]
    public void ReportsEveryFieldGivenSeveralErrors()
    {
        var result = ScheduleParser.Parse(new ScheduleDraft("Nowhere/City", 1, [new Opening("funday", "9", "12:00")], null, 0, null));

        Assert.False(result.IsSuccess);
        Assert.Equal(
            ["horizonDays", "slotMinutes", "timeZone", "weekly[0].day", "weekly[0].start"],
            result.Errors.Select(e => e.Field).Order(StringComparer.Ordinal));
    }

    private static ScheduleDraft Draft(
        string timeZone = "Europe/Paris", int slotMinutes = 30, Opening?[]? weekly = null, DateException?[]? exceptions = null) =>
        new(timeZone, slotMinutes, weekly ?? [new Opening("monday", "09:00", "12:00")], exceptions, null, null);

    private static LocalTimeRange Range(int fromHour, int toHour) => new(new LocalTime(fromHour, 0), new LocalTime(toHour, 0));

    private static void AssertRejected(ScheduleDraft draft, string field)
    {
        var result = ScheduleParser.Parse(draft);

        Assert.False(result.IsSuccess);
        Assert.Contains(field, result.Errors.Select(e => e.Field));
        Assert.All(result.Errors, e => Assert.Equal(field, e.Field));
    }
}
