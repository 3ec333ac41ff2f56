using Booking.Domain.Practitioners;
using NodaTime;

namespace Booking.Domain.Tests.Practitioners;

public sealed class PractitionerDayTests
{
    private static readonly LocalDate Date = new(2026, 5, 4);
    private static readonly SlotTime NineOClock = Slot(7, 0, 30);
    private static readonly SlotTime HalfPastNine = Slot(7, 30, 30);

    [Fact]
    public void HoldsTheSlotGivenItIsFree()
    {
        var (outcome, day) = PractitionerDay.Empty("p1", Date).Hold(NineOClock, "a1");

        Assert.Equal(HoldOutcome.Held, outcome);
        Assert.False(day.IsFree(NineOClock));
        Assert.True(day.IsFree(HalfPastNine));
        Assert.Equal(["a1"], day.AppointmentIds);
    }

    [Fact]
    public void IsTakenGivenOneOfSeveralHoldsOverlapsIt()
    {
        var day = PractitionerDay.Empty("p1", Date).Hold(NineOClock, "a1").Day.Hold(Slot(8, 30, 30), "a2").Day;

        Assert.False(day.IsFree(NineOClock));
        Assert.True(day.IsFree(HalfPastNine));
    }

    [Fact]
    public void ReportsAlreadyHeldAndChangesNothingGivenTheSameAppointmentHoldsTheSameSlotAgain()
    {
        var (_, held) = PractitionerDay.Empty("p1", Date).Hold(NineOClock, "a1");

        var (outcome, again) = held.Hold(NineOClock, "a1");

        Assert.Equal(HoldOutcome.AlreadyHeld, outcome);
        Assert.Same(held, again);
    }

    [Fact]
    public void ReportsTakenGivenAnotherAppointmentHoldsTheSameSlot()
    {
        var (_, held) = PractitionerDay.Empty("p1", Date).Hold(NineOClock, "a1");

        var (outcome, after) = held.Hold(NineOClock, "a2");

        Assert.Equal(HoldOutcome.Taken, outcome);
        Assert.Same(held, after);
    }

    [Fact]
    public void ReportsTakenGivenAnotherAppointmentHoldsAnOverlappingSlot()
    {
        var (_, held) = PractitionerDay.Empty("p1", Date).Hold(NineOClock, "a1");

        var (outcome, after) = held.Hold(Slot(7, 15, 30), "a2");

        Assert.Equal(HoldOutcome.Taken, outcome);
        Assert.Same(held, after);
    }

    [Fact]
    public void HoldsTheSlotGivenTheOtherAppointmentEndsExactlyWhenItStarts()
    {
        var (_, held) = PractitionerDay.Empty("p1", Date).Hold(NineOClock, "a1");

        var (outcome, _) = held.Hold(HalfPastNine, "a2");

        Assert.Equal(HoldOutcome.Held, outcome);
    }

    [Fact]
    public void HoldsAnOverlappingSlotGivenTheSameAppointmentMovesWithinTheDay()
    {
        var (_, held) = PractitionerDay.Empty("p1", Date).Hold(NineOClock, "a1");

        var (outcome, moved) = held.Hold(Slot(7, 15, 30), "a1");

        Assert.Equal(HoldOutcome.Held, outcome);
        Assert.Equal(["a1"], moved.AppointmentIds);
    }

    [Fact]
    public void FreesOnlyThatAppointmentsSlotGivenRelease()
    {
        var day = PractitionerDay.Empty("p1", Date).Hold(NineOClock, "a1").Day.Hold(HalfPastNine, "a2").Day;

        var released = day.Release("a1", NineOClock);

        Assert.NotNull(released);
        Assert.True(released.IsFree(NineOClock));
        Assert.False(released.IsFree(HalfPastNine));
        Assert.Equal(["a1", "a2"], released.AppointmentIds);
    }

    [Fact]
    public void FreesNothingGivenAnotherAppointmentAsksToRelease()
    {
        var day = PractitionerDay.Empty("p1", Date).Hold(NineOClock, "a1").Day;

        Assert.Null(day.Release("a2", NineOClock));
        Assert.False(day.IsFree(NineOClock));
    }

    [Fact]
    public void KeepsTheOtherSlotGivenTheAppointmentReleasesOneOfTwoItHolds()
    {
        var day = PractitionerDay.Empty("p1", Date).Hold(NineOClock, "a1").Day.Hold(HalfPastNine, "a1").Day;

        var released = day.Release("a1", NineOClock);

        Assert.NotNull(released);
        Assert.True(released.IsFree(NineOClock));
        Assert.False(released.IsFree(HalfPastNine));
    }

    [Fact]
    public void LetsAnotherAppointmentHoldTheSlotGivenItWasReleased()
    {
        var day = PractitionerDay.Empty("p1", Date).Hold(NineOClock, "a1").Day.Release("a1", NineOClock)!;

        var (outcome, _) = day.Hold(NineOClock, "a2");

        Assert.Equal(HoldOutcome.Held, outcome);
    }

    private static SlotTime Slot(int utcHour, int utcMinute, int minutes)
    {
        var start = Instant.FromUtc(2026, 5, 4, utcHour, utcMinute);
        return new SlotTime(start, start + Duration.FromMinutes(minutes));
    }
}
