using Booking.Domain.Practitioners;
using NodaTime;
using NodaTime.Text;

namespace Booking.Domain.Tests.Practitioners;

public sealed class SlotGeneratorTests
{
    private static readonly LocalDate SpringForward = new(2026, 3, 29);
    private static readonly LocalDate FallBack = new(2026, 10, 25);
    private static readonly OffsetDateTimePattern LocalStartPattern = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mmo<+HH:mm>");

    [Fact]
    public void SkipsTheMissingHourGivenSpringForward()
    {
        var schedule = Schedule("Europe/Paris", 30, [Open(IsoDayOfWeek.Sunday, 1, 0, 4, 0)]);

        var slots = SlotGenerator.SlotsOn(schedule, SpringForward).ToList();

        Assert.Equal(
            ["2026-03-29T01:00+01:00", "2026-03-29T01:30+01:00", "2026-03-29T03:00+02:00", "2026-03-29T03:30+02:00"],
            LocalStarts(slots, schedule));
        Assert.All(slots, s => Assert.Equal(Duration.FromMinutes(30), s.End - s.Start));
    }

    [Fact]
    public void OffersEachRealSlotOnceInOrderGivenFallBack()
    {
        var schedule = Schedule("Europe/Paris", 30, [Open(IsoDayOfWeek.Sunday, 1, 0, 4, 0)]);

        var slots = SlotGenerator.SlotsOn(schedule, FallBack).ToList();

        Assert.Equal(
            [
                "2026-10-25T01:00+02:00", "2026-10-25T01:30+02:00",
                "2026-10-25T02:00+02:00", "2026-10-25T02:30+02:00",
                "2026-10-25T02:00+01:00", "2026-10-25T02:30+01:00",
                "2026-10-25T03:00+01:00", "2026-10-25T03:30+01:00",
            ],
            LocalStarts(slots, schedule));
        Assert.Equal(slots.Count, slots.Select(s => s.Start).Distinct().Count());
        Assert.Equal(slots.OrderBy(s => s.Start), slots);
    }

    [Theory]
    [InlineData(2, 0)]
    [InlineData(2, 30)]
    public void OffersEachRealSlotOnceGivenFallBackHoursSplitAtARepeatedTime(int splitHour, int splitMinute)
    {
        var schedule = Schedule(
            "Europe/Paris", 30,
            [Open(IsoDayOfWeek.Sunday, 1, 0, splitHour, splitMinute), Open(IsoDayOfWeek.Sunday, splitHour, splitMinute, 4, 0)]);

        var slots = SlotGenerator.SlotsOn(schedule, FallBack).ToList();

        Assert.Equal(
            [
                "2026-10-25T01:00+02:00", "2026-10-25T01:30+02:00",
                "2026-10-25T02:00+02:00", "2026-10-25T02:30+02:00",
                "2026-10-25T02:00+01:00", "2026-10-25T02:30+01:00",
                "2026-10-25T03:00+01:00", "2026-10-25T03:30+01:00",
            ],
            LocalStarts(slots, schedule));
    }

    [Fact]
    public void OffersWholeSlotsWithWinterOffsetGivenAnOrdinaryDay()
    {
        var schedule = Schedule("Europe/Paris", 30, [Open(IsoDayOfWeek.Monday, 9, 0, 12, 0)]);

        var slots = SlotGenerator.SlotsOn(schedule, new LocalDate(2026, 1, 12)).ToList();

        Assert.Equal(
            [
                "2026-01-12T09:00+01:00", "2026-01-12T09:30+01:00", "2026-01-12T10:00+01:00",
                "2026-01-12T10:30+01:00", "2026-01-12T11:00+01:00", "2026-01-12T11:30+01:00",
            ],
            LocalStarts(slots, schedule));
    }

    [Fact]
    public void PlacesSlotsInThePractitionersZoneGivenAPractitionerInNewYork()
    {
        var schedule = Schedule("America/New_York", 30, [Open(IsoDayOfWeek.Monday, 9, 0, 10, 0)]);

        var slots = SlotGenerator.SlotsOn(schedule, new LocalDate(2026, 7, 6)).ToList();

        Assert.Equal(
            [
                new SlotTime(Instant.FromUtc(2026, 7, 6, 13, 0), Instant.FromUtc(2026, 7, 6, 13, 30)),
                new SlotTime(Instant.FromUtc(2026, 7, 6, 13, 30), Instant.FromUtc(2026, 7, 6, 14, 0)),
            ],
            slots);
    }

    [Fact]
    public void OffersNothingGivenAClosedDateOnAnOpenWeekday()
    {
        var monday = new LocalDate(2026, 5, 4);
        var schedule = Schedule("Europe/Paris", 30, [Open(IsoDayOfWeek.Monday, 9, 0, 12, 0)], [new ScheduleException(monday, [])]);

        Assert.Empty(SlotGenerator.SlotsOn(schedule, monday));
        Assert.NotEmpty(SlotGenerator.SlotsOn(schedule, monday.PlusWeeks(1)));
    }

    [Fact]
    public void UsesTheExceptionHoursInsteadOfTheWeekdayHoursGivenChangedHours()
    {
        var monday = new LocalDate(2026, 5, 11);
        var schedule = Schedule(
            "Europe/Paris", 30, [Open(IsoDayOfWeek.Monday, 9, 0, 12, 0)],
            [new ScheduleException(monday, [new LocalTimeRange(new LocalTime(14, 0), new LocalTime(15, 0))])]);

        var slots = SlotGenerator.SlotsOn(schedule, monday).ToList();

        Assert.Equal(["2026-05-11T14:00+02:00", "2026-05-11T14:30+02:00"], LocalStarts(slots, schedule));
    }

    [Fact]
    public void DropsThePartialLastSlotGivenALengthThatDoesNotDivideTheHours()
    {
        var schedule = Schedule("Europe/Paris", 25, [Open(IsoDayOfWeek.Monday, 9, 0, 10, 0)]);

        var slots = SlotGenerator.SlotsOn(schedule, new LocalDate(2026, 1, 12)).ToList();

        Assert.Equal(["2026-01-12T09:00+01:00", "2026-01-12T09:25+01:00"], LocalStarts(slots, schedule));
        Assert.All(slots, s => Assert.True(s.End <= Instant.FromUtc(2026, 1, 12, 9, 0)));
    }

    [Fact]
    public void OffersSlotsInTimeOrderGivenTheAfternoonListedBeforeTheMorning()
    {
        var schedule = Schedule("Europe/Paris", 60, [Open(IsoDayOfWeek.Monday, 14, 0, 16, 0), Open(IsoDayOfWeek.Monday, 9, 0, 11, 0)]);

        var slots = SlotGenerator.SlotsOn(schedule, new LocalDate(2026, 1, 12)).ToList();

        Assert.Equal(
            ["2026-01-12T09:00+01:00", "2026-01-12T10:00+01:00", "2026-01-12T14:00+01:00", "2026-01-12T15:00+01:00"],
            LocalStarts(slots, schedule));
    }

    [Fact]
    public void OffersNothingGivenHoursShorterThanOneSlot()
    {
        var schedule = Schedule("Europe/Paris", 60, [Open(IsoDayOfWeek.Monday, 9, 0, 9, 59)]);

        Assert.Empty(SlotGenerator.SlotsOn(schedule, new LocalDate(2026, 1, 12)));
    }

    private static WeeklySchedule Schedule(string zone, int slotMinutes, OpeningHours[] weekly, ScheduleException[]? exceptions = null) =>
        new(zone, slotMinutes, weekly, exceptions ?? [], WeeklySchedule.DefaultHorizonDays, WeeklySchedule.DefaultMinNoticeMinutes);

    private static OpeningHours Open(IsoDayOfWeek day, int fromHour, int fromMinute, int toHour, int toMinute) =>
        new(day, new LocalTimeRange(new LocalTime(fromHour, fromMinute), new LocalTime(toHour, toMinute)));

    private static List<string> LocalStarts(IEnumerable<SlotTime> slots, WeeklySchedule schedule) =>
        slots.Select(s => LocalStartPattern.Format(s.Start.InZone(schedule.Zone).ToOffsetDateTime())).ToList();
}
