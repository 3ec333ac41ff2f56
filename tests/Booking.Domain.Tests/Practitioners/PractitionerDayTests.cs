using Booking.Domain.Practitioners;
using NodaTime;

namespace Booking.Domain.Tests.Practitioners;

public sealed class PractitionerDayTests
{
    private static readonly LocalDate Date = new(2026, 5, 4);
    private static readonly SlotTime NineOClock = Slot(7, 0, 30);
    private static readonly SlotTime HalfPastNine = Slot(7, 30, 30);
    private static readonly Instant Now = Instant.FromUtc(2026, 5, 1, 12, 0);

    [Fact]
    public void HoldsTheSlotGivenItIsFree()
    {
        var (outcome, day) = PractitionerDay.Empty("p1", Date).Hold(NineOClock, "a1", Now, null);

        Assert.Equal(HoldOutcome.Held, outcome);
        Assert.False(day.IsFree(NineOClock, Now));
        Assert.True(day.IsFree(HalfPastNine, Now));
        Assert.Equal(["a1"], day.AppointmentIds);
    }

    [Fact]
    public void IsTakenGivenOneOfSeveralHoldsOverlapsIt()
    {
        var day = PractitionerDay.Empty("p1", Date).Hold(NineOClock, "a1", Now, null).Day.Hold(Slot(8, 30, 30), "a2", Now, null).Day;

        Assert.False(day.IsFree(NineOClock, Now));
        Assert.True(day.IsFree(HalfPastNine, Now));
    }

    [Fact]
    public void ReportsAlreadyHeldAndChangesNothingGivenTheSameAppointmentHoldsTheSameSlotAgain()
    {
        var (_, held) = PractitionerDay.Empty("p1", Date).Hold(NineOClock, "a1", Now, null);

        var (outcome, again) = held.Hold(NineOClock, "a1", Now, null);

        Assert.Equal(HoldOutcome.AlreadyHeld, outcome);
        Assert.Same(held, again);
    }

    [Fact]
    public void ReportsTakenGivenAnotherAppointmentHoldsTheSameSlot()
    {
        var (_, held) = PractitionerDay.Empty("p1", Date).Hold(NineOClock, "a1", Now, null);

        var (outcome, after) = held.Hold(NineOClock, "a2", Now, null);

        Assert.Equal(HoldOutcome.Taken, outcome);
        Assert.Same(held, after);
    }

    [Fact]
    public void ReportsTakenGivenAnotherAppointmentHoldsAnOverlappingSlot()
    {
        var (_, held) = PractitionerDay.Empty("p1", Date).Hold(NineOClock, "a1", Now, null);

        var (outcome, after) = held.Hold(Slot(7, 15, 30), "a2", Now, null);

        Assert.Equal(HoldOutcome.Taken, outcome);
        Assert.Same(held, after);
    }

    [Fact]
    public void HoldsTheSlotGivenTheOtherAppointmentEndsExactlyWhenItStarts()
    {
        var (_, held) = PractitionerDay.Empty("p1", Date).Hold(NineOClock, "a1", Now, null);

        var (outcome, _) = held.Hold(HalfPastNine, "a2", Now, null);

        Assert.Equal(HoldOutcome.Held, outcome);
    }

    [Fact]
    public void HoldsAnOverlappingSlotGivenTheSameAppointmentMovesWithinTheDay()
    {
        var (_, held) = PractitionerDay.Empty("p1", Date).Hold(NineOClock, "a1", Now, null);

        var (outcome, moved) = held.Hold(Slot(7, 15, 30), "a1", Now, null);

        Assert.Equal(HoldOutcome.Held, outcome);
        Assert.Equal(["a1"], moved.AppointmentIds);
    }

    [Fact]
    public void FreesOnlyThatAppointmentsSlotGivenRelease()
    {
        var day = PractitionerDay.Empty("p1", Date).Hold(NineOClock, "a1", Now, null).Day.Hold(HalfPastNine, "a2", Now, null).Day;

        var released = day.Release("a1", NineOClock);

        Assert.NotNull(released);
        Assert.True(released.IsFree(NineOClock, Now));
        Assert.False(released.IsFree(HalfPastNine, Now));
        Assert.Equal(["a1", "a2"], released.AppointmentIds);
    }

    [Fact]
    public void FreesNothingGivenAnotherAppointmentAsksToRelease()
    {
        var day = PractitionerDay.Empty("p1", Date).Hold(NineOClock, "a1", Now, null).Day;

        Assert.Null(day.Release("a2", NineOClock));
        Assert.False(day.IsFree(NineOClock, Now));
    }

    [Fact]
    public void KeepsTheOtherSlotGivenTheAppointmentReleasesOneOfTwoItHolds()
    {
        var day = PractitionerDay.Empty("p1", Date).Hold(NineOClock, "a1", Now, null).Day.Hold(HalfPastNine, "a1", Now, null).Day;

        var released = day.Release("a1", NineOClock);

        Assert.NotNull(released);
        Assert.True(released.IsFree(NineOClock, Now));
        Assert.False(released.IsFree(HalfPastNine, Now));
    }

    [Fact]
    public void LetsAnotherAppointmentHoldTheSlotGivenItWasReleased()
    {
        var day = PractitionerDay.Empty("p1", Date).Hold(NineOClock, "a1", Now, null).Day.Release("a1", NineOClock)!;

        var (outcome, _) = day.Hold(NineOClock, "a2", Now, null);

        Assert.Equal(HoldOutcome.Held, outcome);
    }

    [Fact]
    public void TakesAHeldSlotForEveryoneButItsHolderUntilItExpires()
    {
        var hold = new PatientHold("h1", NineOClock, "patient-1", Now + Duration.FromMinutes(5));
        var (outcome, day) = PractitionerDay.Empty("p1", Date).Reserve(hold, Now);

        Assert.Equal(HoldOutcome.Held, outcome);
        Assert.False(day.IsFree(NineOClock, Now));
        Assert.False(day.IsFree(Slot(7, 15, 30), Now, "patient-2"));
        Assert.True(day.IsFree(NineOClock, Now, "patient-1"));
        Assert.Equal(HoldOutcome.Taken, day.Hold(NineOClock, "a2", Now, "patient-2").Outcome);
        Assert.Equal(HoldOutcome.Taken, day.Reserve(hold with { HoldId = "h2", PatientId = "patient-2" }, Now).Outcome);
        Assert.True(day.IsFree(NineOClock, hold.ExpiresAt));
        Assert.Equal(HoldOutcome.Held, day.Hold(NineOClock, "a2", hold.ExpiresAt, "patient-2").Outcome);
    }

    [Fact]
    public void ConvertsItsHoldGivenItsHolderBooksTheSlot()
    {
        var hold = new PatientHold("h1", NineOClock, "patient-1", Now + Duration.FromMinutes(5));
        var (_, day) = PractitionerDay.Empty("p1", Date).Reserve(hold, Now);

        var (outcome, booked) = day.Hold(NineOClock, "a1", Now, "patient-1");

        Assert.Equal(HoldOutcome.Held, outcome);
        Assert.Empty(booked.PatientHolds!);
        Assert.Null(booked.Unreserve("h1"));
        Assert.Empty(day.Unreserve("h1")!.PatientHolds!);
    }

    [Fact]
    public void KeepsThePatientsOtherHoldGivenTheyBookOneOfTwoSlotsTheyHold()
    {
        var expires = Now + Duration.FromMinutes(5);
        var day = PractitionerDay.Empty("p1", Date).Reserve(new PatientHold("h1", NineOClock, "patient-1", expires), Now).Day
            .Reserve(new PatientHold("h2", Slot(9, 0, 30), "patient-1", expires), Now).Day;

        var (_, booked) = day.Hold(NineOClock, "a1", Now, "patient-1");

        Assert.Equal(["h2"], booked.PatientHolds!.Select(h => h.HoldId));
        Assert.False(booked.IsFree(Slot(9, 0, 30), Now, "patient-2"));
    }

    [Fact]
    public void AcceptsHoldsUpToTheMaximumAndRefusesOneMoreUntilSomeExpire()
    {
        var day = PractitionerDay.Empty("p1", Date);
        for (var i = 0; i < PractitionerDay.MaxPatientHolds - 1; i++)
        {
            day = day.Reserve(FiveMinuteHold(i, Now + Duration.FromMinutes(5)), Now).Day;
        }

        var (last, full) = day.Reserve(FiveMinuteHold(199, Now + Duration.FromMinutes(5)), Now);
        var (oneMore, _) = full.Reserve(FiveMinuteHold(200, Now + Duration.FromMinutes(5)), Now);

        Assert.Equal(HoldOutcome.Held, last);
        Assert.Equal(200, full.ActiveHolds(Now).Count());
        Assert.Equal(HoldOutcome.Taken, oneMore);
        Assert.Equal(HoldOutcome.Held, full.Reserve(FiveMinuteHold(200, Now + Duration.FromMinutes(10)), Now + Duration.FromMinutes(5)).Outcome);
    }

    [Fact]
    public void ForgetsTheAppointmentAndItsSlotGivenRetentionRemovedIt()
    {
        var day = PractitionerDay.Empty("p1", Date).Hold(NineOClock, "a1", Now, null).Day.Hold(HalfPastNine, "a2", Now, null).Day;

        var forgotten = day.Forget("a1");

        Assert.Equal(["a2"], forgotten.AppointmentIds);
        Assert.Equal(["a2"], forgotten.Holds.Select(h => h.AppointmentId));
        Assert.True(forgotten.IsFree(NineOClock, Now));
    }

    [Fact]
    public void ForgetsACancelledAppointmentGivenItsSlotWasAlreadyReleased()
    {
        var day = PractitionerDay.Empty("p1", Date).Hold(NineOClock, "a1", Now, null).Day.Release("a1", NineOClock)!;

        var forgotten = day.Forget("a1");

        Assert.Empty(forgotten.AppointmentIds);
        Assert.True(forgotten.IsEmpty);
    }

    [Fact]
    public void ForgetsTheHoldGivenAnAppointmentMissingFromTheAgendaList()
    {
        var day = new PractitionerDay("p1", Date, [new SlotHold(NineOClock, "a1")], []);

        Assert.Empty(day.Forget("a1").Holds);
    }

    [Fact]
    public void ChangesNothingGivenForgetOfAnotherAppointment()
    {
        var day = PractitionerDay.Empty("p1", Date).Hold(NineOClock, "a1", Now, null).Day;

        Assert.Same(day, day.Forget("a2"));
    }

    [Fact]
    public void ChangesNothingGivenForgetOfAnotherAppointmentOnADayWithNoSlotTaken()
    {
        var day = PractitionerDay.Empty("p1", Date) with { AppointmentIds = ["a1"] };

        Assert.Same(day, day.Forget("a2"));
    }

    [Fact]
    public void IsEmptyOnlyGivenNoAppointmentSlotOrPatientHold()
    {
        var empty = PractitionerDay.Empty("p1", Date);

        Assert.True(empty.IsEmpty);
        Assert.True((empty with { PatientHolds = [] }).IsEmpty);
        Assert.False((empty with { AppointmentIds = ["a1"] }).IsEmpty);
        Assert.False((empty with { Holds = [new SlotHold(NineOClock, "a1")] }).IsEmpty);
        Assert.False(empty.Reserve(new PatientHold("h1", NineOClock, "patient-1", Now + Duration.FromMinutes(5)), Now).Day.IsEmpty);
    }

    private static PatientHold FiveMinuteHold(int index, Instant expiresAt)
    {
        var start = Instant.FromUtc(2026, 5, 4, 0, 0) + Duration.FromMinutes(5 * index);
        return new PatientHold($"h{index}", new SlotTime(start, start + Duration.FromMinutes(5)), $"patient-{index}", expiresAt);
    }

    private static SlotTime Slot(int utcHour, int utcMinute, int minutes)
    {
        var start = Instant.FromUtc(2026, 5, 4, utcHour, utcMinute);
        return new SlotTime(start, start + Duration.FromMinutes(minutes));
    }
}
