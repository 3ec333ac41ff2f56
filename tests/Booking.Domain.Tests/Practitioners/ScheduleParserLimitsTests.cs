using System.Globalization;
using Booking.Domain.Common;
using Booking.Domain.Practitioners;
using NodaTime;
using static Booking.Domain.Practitioners.ScheduleDraft;

namespace Booking.Domain.Tests.Practitioners;

/// <summary>A schedule's limits and the errors a practitioner's client is told, code, message and field.</summary>
public sealed class ScheduleParserLimitsTests
{
    private static readonly IsoDayOfWeek[] Days =
    [
        IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday,
        IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday,
    ];

    [Fact]
    public void AcceptsExactlyTheMaximumNumberOfOpeningsAndRefusesOneMore()
    {
        var hundred = Enumerable.Range(0, WeeklySchedule.MaxOpeningHours).Select(Opening).ToArray();

        Assert.Equal(100, Parsed(Draft() with { Weekly = hundred }).Weekly.Count);
        AssertRefused(
            Draft() with { Weekly = [.. hundred, Opening(100)] },
            new DomainError("too-many", "weekly may hold at most 100 entries.", "weekly"));
    }

    [Fact]
    public void AcceptsExactlyTheMaximumNumberOfExceptionsAndRefusesOneMore()
    {
        var fourHundred = Enumerable.Range(0, WeeklySchedule.MaxExceptions).Select(Closed).ToArray();

        Assert.Equal(400, Parsed(Draft() with { Exceptions = fourHundred }).Exceptions.Count);
        AssertRefused(
            Draft() with { Exceptions = [.. fourHundred, Closed(400)] },
            new DomainError("too-many", "exceptions may hold at most 400 entries.", "exceptions"));
    }

    [Fact]
    public void RequiresTheWeeklyHoursGivenNone()
    {
        AssertRefused(Draft() with { Weekly = null }, new DomainError("required", "weekly is required (it may be empty).", "weekly"));
    }

    [Fact]
    public void AcceptsAnEmptyWeekGivenOnlyExceptionsOpen()
    {
        var schedule = Parsed(Draft() with { Weekly = [], Exceptions = [new DateException("2026-05-04", null, "09:00", "10:00")] });

        Assert.Empty(schedule.Weekly);
        Assert.Equal([new LocalTimeRange(new LocalTime(9, 0), new LocalTime(10, 0))], schedule.HoursOn(new LocalDate(2026, 5, 4)));
    }

    [Fact]
    public void RefusesANullOpeningNamingItsIndex()
    {
        AssertRefused(
            Draft() with { Weekly = [new Opening("monday", "09:00", "10:00"), null] },
            new DomainError("required", "weekly[1] must be an object.", "weekly[1]"));
    }

    [Fact]
    public void RefusesANullExceptionNamingItsIndex()
    {
        AssertRefused(
            Draft() with { Exceptions = [Closed(0), null] },
            new DomainError("required", "exceptions[1] must be an object.", "exceptions[1]"));
    }

    [Fact]
    public void ReportsOnlyTheOverlappingOpeningGivenALaterOneTouchesOnlyTheRefusedOne()
    {
        AssertRefused(
            Draft() with { Weekly = [new Opening("monday", "09:00", "12:00"), new Opening("monday", "11:00", "13:00"), new Opening("monday", "12:30", "14:00")] },
            new DomainError("overlap", "weekly[1] overlaps other hours on the same day.", "weekly[1]"));
    }

    [Fact]
    public void RefusesTheSecondExceptionGivenItOverlapsTheFirstOnTheSameDate()
    {
        AssertRefused(
            Draft() with { Exceptions = [new DateException("2026-05-04", null, "09:00", "12:00"), new DateException("2026-05-04", false, "11:00", "13:00")] },
            new DomainError("overlap", "exceptions[1] overlaps other hours on the same date.", "exceptions[1]"));
    }

    [Fact]
    public void ReportsOnlyTheOverlappingExceptionGivenALaterOneTouchesOnlyTheRefusedOne()
    {
        AssertRefused(
            Draft() with
            {
                Exceptions =
                [
                    new DateException("2026-05-04", null, "09:00", "12:00"), new DateException("2026-05-04", null, "11:00", "13:00"),
                    new DateException("2026-05-04", null, "12:30", "14:00"),
                ],
            },
            new DomainError("overlap", "exceptions[1] overlaps other hours on the same date.", "exceptions[1]"));
    }

    [Fact]
    public void NamesTheInvalidTimeGivenASecondRangeOfAnOpenDate()
    {
        AssertRefused(
            Draft() with { Exceptions = [new DateException("2026-05-04", null, "09:00", "10:00"), new DateException("2026-05-04", null, "10:00", "11h")] },
            new DomainError("invalid-time", "exceptions[1].end must be a time HH:mm.", "exceptions[1].end"));
    }

    [Fact]
    public void KeepsSeveralRangesOfOneDateInOrderGivenTheyDoNotOverlap()
    {
        var schedule = Parsed(Draft() with
        {
            Exceptions = [new DateException("2026-05-04", null, "14:00", "15:00"), new DateException("2026-05-04", null, "09:00", "10:00")],
        });

        var exception = Assert.Single(schedule.Exceptions);
        Assert.Equal([new LocalTime(9, 0), new LocalTime(14, 0)], exception.Hours.Select(h => h.Start));
    }

    [Fact]
    public void NamesTheExceptionsEndGivenAnEmptyRange()
    {
        AssertRefused(
            Draft() with { Exceptions = [new DateException("2026-05-04", null, "10:00", "10:00")] },
            new DomainError("empty-range", "exceptions[0].end must be after exceptions[0].start on the same day.", "exceptions[0].end"));
    }

    [Theory]
    [InlineData("09:00", null)]
    [InlineData(null, "12:00")]
    public void RefusesAClosedDateGivenEitherHour(string? start, string? end)
    {
        AssertRefused(
            Draft() with { Exceptions = [new DateException("2026-05-01", true, start, end)] },
            new DomainError("closed-with-hours", "exceptions[0] is closed and cannot also give hours.", "exceptions[0]"));
    }

    [Fact]
    public void SaysWhichDateIsBothClosedAndOpen()
    {
        AssertRefused(
            Draft() with { Exceptions = [new DateException("2026-05-01", null, "09:00", "12:00"), new DateException("2026-05-01", true, null, null)] },
            new DomainError("closed-with-hours", "2026-05-01 is both closed and open.", "exceptions"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(365)]
    public void AcceptsTheDaysBetweenAppointmentsGivenTheLimits(int days)
    {
        Assert.Equal(days, Parsed(Draft() with { MinDaysBetweenAppointments = days }).MinDaysBetweenAppointments);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(366)]
    public void RefusesTheDaysBetweenAppointmentsGivenOutsideTheLimits(int days)
    {
        AssertRefused(
            Draft() with { MinDaysBetweenAppointments = days },
            new DomainError("out-of-range", "minDaysBetweenAppointments must be between 0 and 365.", "minDaysBetweenAppointments"));
    }

    [Fact]
    public void SaysTheLimitsGivenSlotMinutesOutOfRange()
    {
        AssertRefused(Draft() with { SlotMinutes = 481 }, new DomainError("out-of-range", "slotMinutes must be between 5 and 480.", "slotMinutes"));
    }

    [Fact]
    public void SaysTheFieldIsRequiredGivenNoSlotMinutes()
    {
        AssertRefused(Draft() with { SlotMinutes = null }, new DomainError("required", "slotMinutes is required.", "slotMinutes"));
    }

    [Fact]
    public void SaysHowToWriteADayGivenAnUnknownDay()
    {
        AssertRefused(
            Draft() with { Weekly = [new Opening("lundi", "09:00", "12:00")] },
            new DomainError("invalid-day", "weekly[0].day must be a weekday name such as monday.", "weekly[0].day"));
    }

    [Fact]
    public void SaysHowToWriteATimeGivenAMalformedTime()
    {
        AssertRefused(
            Draft() with { Weekly = [new Opening("monday", "09:00", "noon")] },
            new DomainError("invalid-time", "weekly[0].end must be a time HH:mm.", "weekly[0].end"));
    }

    [Fact]
    public void SaysTheEndMustFollowTheStartGivenAnEmptyOpening()
    {
        AssertRefused(
            Draft() with { Weekly = [new Opening("monday", "12:00", "09:00")] },
            new DomainError("empty-range", "weekly[0].end must be after weekly[0].start on the same day.", "weekly[0].end"));
    }

    [Theory]
    [InlineData("2026-13-01")]
    [InlineData("-2026-05-01")]
    public void SaysHowToWriteADateGivenAMalformedDate(string date)
    {
        AssertRefused(
            Draft() with { Exceptions = [new DateException(date, true, null, null)] },
            new DomainError("invalid-date", "exceptions[0].date must be a date YYYY-MM-DD.", "exceptions[0].date"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void RequiresTheTimeZoneGivenNone(string? zone)
    {
        AssertRefused(Draft() with { TimeZone = zone }, new DomainError("required", "timeZone is required.", "timeZone"));
    }

    [Fact]
    public void SaysWhatATimeZoneIsGivenAnUnknownOne()
    {
        AssertRefused(
            Draft() with { TimeZone = "Paris" },
            new DomainError("unknown-time-zone", "timeZone must be an IANA time zone id such as Europe/Paris.", "timeZone"));
    }

    [Fact]
    public void AcceptsTheTimeZoneGivenSpacesAroundIt()
    {
        Assert.Equal("Europe/Paris", Parsed(Draft() with { TimeZone = " Europe/Paris " }).TimeZone);
    }

    private static Opening Opening(int i) =>
        new(Days[i % 7].ToString(), $"{i / 7:D2}:00", $"{i / 7:D2}:30");

    private static DateException Closed(int i) =>
        new(new LocalDate(2026, 1, 1).PlusDays(i).ToString("uuuu-MM-dd", CultureInfo.InvariantCulture), true, null, null);

    private static ScheduleDraft Draft() =>
        new("Europe/Paris", 30, [new Opening("monday", "09:00", "12:00")], null, null, null);

    private static WeeklySchedule Parsed(ScheduleDraft draft)
    {
        var result = ScheduleParser.Parse(draft);
        Assert.True(result.IsSuccess, string.Join("; ", result.Errors.Select(e => e.Message)));
        return result.Value;
    }

    private static void AssertRefused(ScheduleDraft draft, DomainError error)
    {
        var result = ScheduleParser.Parse(draft);

        Assert.False(result.IsSuccess);
        Assert.Equal([error], result.Errors);
    }
}
