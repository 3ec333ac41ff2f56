using Booking.Domain.Practitioners;
using NodaTime;

namespace Booking.Domain.Tests.Practitioners;

public sealed class VisitTypeTests
{
    private static readonly LocalDate Monday = new(2026, 5, 4);
    private static readonly VisitType PhoneOnly = new("phone-only", "Booked by phone", 60, false, true, null, null);
    private static readonly VisitType FirstVisit = new("first-visit", "First visit", 45, true, true, null, null);
    private static readonly VisitType FollowUp = new("follow-up", "Follow-up", 15, true, false, null, null);

    [Fact]
    public void FindsTheFirstTypeBookableOnlineGivenNoTypeNamed()
    {
        Assert.Equal(FirstVisit, Schedule(PhoneOnly, FirstVisit, FollowUp).FindType(null));
    }

    [Fact]
    public void FindsTheNamedTypeGivenItsId()
    {
        Assert.Equal(FollowUp, Schedule(PhoneOnly, FirstVisit, FollowUp).FindType("follow-up"));
        Assert.Equal(PhoneOnly, Schedule(PhoneOnly, FirstVisit, FollowUp).FindType("phone-only"));
    }

    [Fact]
    public void FindsNothingGivenAnUnknownIdOrNoTypeBookableOnline()
    {
        Assert.Null(Schedule(PhoneOnly, FirstVisit).FindType("check-up"));
        Assert.Null(Schedule(PhoneOnly).FindType(null));
    }

    [Fact]
    public void FindsTheDefaultTypeGivenAScheduleWithoutTypes()
    {
        var type = Schedule().FindType(VisitType.DefaultId);

        Assert.Equal(VisitType.Default(30), type);
    }

    [Fact]
    public void GivesThePlacementsOwnTypeGivenItIsStillOffered()
    {
        Assert.Equal(FollowUp, Schedule(FirstVisit, FollowUp).TypeOf("follow-up"));
    }

    [Fact]
    public void GivesTheDefaultTypeGivenAPlacementWithoutTypeAndADefaultTypeOffered()
    {
        var defaultType = VisitType.Default(20);

        Assert.Equal(defaultType, Schedule(FirstVisit, defaultType).TypeOf(null));
    }

    [Fact]
    public void GivesTheFirstTypeGivenThePlacementsTypeIsNoLongerOffered()
    {
        Assert.Equal(FirstVisit, Schedule(FirstVisit, FollowUp).TypeOf("withdrawn"));
        Assert.Equal(FirstVisit, Schedule(FirstVisit, FollowUp).TypeOf(null));
    }

    [Fact]
    public void OffersEveryOpenRangeInOrderGivenATypeWithoutOwnRanges()
    {
        var hours = FirstVisit.HoursWithin([Range(14, 0, 17, 0), Range(9, 0, 12, 0)], IsoDayOfWeek.Monday);

        Assert.Equal([Range(9, 0, 12, 0), Range(14, 0, 17, 0)], hours);
    }

    [Fact]
    public void OffersOnlyThePartOfTheOpeningHoursInsideItsRangesOfThatDay()
    {
        var type = FollowUp with
        {
            Weekly =
            [
                new OpeningHours(IsoDayOfWeek.Monday, Range(15, 0, 18, 0)),
                new OpeningHours(IsoDayOfWeek.Tuesday, Range(9, 0, 12, 0)),
                new OpeningHours(IsoDayOfWeek.Monday, Range(8, 0, 10, 0)),
            ],
        };

        var hours = type.HoursWithin([Range(14, 0, 17, 0), Range(9, 0, 12, 0)], IsoDayOfWeek.Monday);

        Assert.Equal([Range(9, 0, 10, 0), Range(15, 0, 17, 0)], hours);
    }

    [Fact]
    public void OffersTheTypeOnTheExceptionsHoursOnlyWhereItsRangesMeetThem()
    {
        var type = FollowUp with { Weekly = [new OpeningHours(IsoDayOfWeek.Monday, Range(9, 0, 11, 0))] };
        var schedule = Schedule(type) with
        {
            Weekly = [new OpeningHours(IsoDayOfWeek.Monday, Range(9, 0, 12, 0))],
            Exceptions = [new ScheduleException(Monday, [Range(10, 30, 12, 0)])],
        };

        Assert.Equal([Range(10, 30, 11, 0)], schedule.HoursOn(Monday, type));
        Assert.Equal([Range(9, 0, 11, 0)], schedule.HoursOn(Monday.PlusWeeks(1), type));
    }

    private static WeeklySchedule Schedule(params VisitType[] types) =>
        new("Europe/Paris", 30, [], [], WeeklySchedule.DefaultHorizonDays, WeeklySchedule.DefaultMinNoticeMinutes, types.Length > 0 ? types : null);

    private static LocalTimeRange Range(int fromHour, int fromMinute, int toHour, int toMinute) =>
        new(new LocalTime(fromHour, fromMinute), new LocalTime(toHour, toMinute));
}
