using Booking.Domain.Appointments;
using Booking.Domain.Patients;
using Booking.Domain.Practitioners;
using NodaTime;

namespace Booking.Domain.Tests.Appointments;

public sealed class AppointmentTests
{
    private static readonly Instant BookedAt = Instant.FromUtc(2026, 3, 1, 10, 0);
    private static readonly Instant Later = BookedAt + Duration.FromHours(1);
    private static readonly SlotPlacement Original = Placement("p.day1.slot1", 8);
    private static readonly SlotPlacement Elsewhere = Placement("p.day1.slot2", 9);

    [Fact]
    public void ConfirmsAndRaisesAppointmentConfirmedGivenAPendingAppointment()
    {
        var confirmed = Pending().Confirm(Later);

        Assert.Equal(AppointmentStatus.Confirmed, confirmed.Status);
        Assert.Equal(Later, confirmed.UpdatedAt);
        Assert.True(confirmed.IsVisible);
        var raised = Assert.Single(confirmed.Outbox);
        Assert.Equal(AppointmentEventType.AppointmentConfirmed, raised.Type);
        Assert.Equal(confirmed.Id, raised.AppointmentId);
    }

    [Fact]
    public void KeepsThePendingAppointmentInvisibleGivenItIsNotConfirmedYet()
    {
        Assert.False(Pending().IsVisible);
    }

    [Fact]
    public void ChangesNothingGivenConfirmOfAConfirmedAppointment()
    {
        var confirmed = Pending().Confirm(Later);

        Assert.Same(confirmed, confirmed.Confirm(Later + Duration.FromMinutes(1)));
    }

    [Fact]
    public void StaysCancelledGivenConfirmOfACancelledAppointment()
    {
        var cancelled = Pending().Confirm(Later).Cancel(Later);

        Assert.Same(cancelled, cancelled.Confirm(Later));
    }

    [Fact]
    public void StaysAbandonedGivenConfirmOfAnAbandonedAppointment()
    {
        var abandoned = Pending().Abandon(Later);

        Assert.Equal(AppointmentStatus.Abandoned, abandoned.Status);
        Assert.False(abandoned.IsVisible);
        Assert.Same(abandoned, abandoned.Confirm(Later));
    }

    [Fact]
    public void RaisesOneCancellationGivenCancelTwice()
    {
        var cancelled = Pending().Confirm(Later).Cancel(Later);

        var again = cancelled.Cancel(Later + Duration.FromMinutes(5));

        Assert.Same(cancelled, again);
        Assert.Equal(AppointmentStatus.Cancelled, again.Status);
        Assert.Equal(Later, again.UpdatedAt);
        Assert.Single(again.Outbox, e => e.Type == AppointmentEventType.AppointmentCancelled);
    }

    [Fact]
    public void ChangesNothingGivenCancelOfAPendingAppointment()
    {
        var pending = Pending();

        Assert.Same(pending, pending.Cancel(Later));
    }

    [Fact]
    public void LeavesTheOldSlotToReleaseAndRaisesRescheduledGivenMoveTo()
    {
        var confirmed = Pending().Confirm(Later);

        var moved = confirmed.MoveTo(Elsewhere, Later + Duration.FromMinutes(1));

        Assert.Equal(Elsewhere, moved.Placement);
        Assert.Equal(Original, moved.ReleasePending);
        Assert.Equal(AppointmentStatus.Confirmed, moved.Status);
        Assert.Equal(Later + Duration.FromMinutes(1), moved.UpdatedAt);
        Assert.Equal(
            [AppointmentEventType.AppointmentConfirmed, AppointmentEventType.AppointmentRescheduled],
            moved.Outbox.Select(e => e.Type));
    }

    [Fact]
    public void ForgetsTheOldSlotGivenItWasReleased()
    {
        var moved = Pending().Confirm(Later).MoveTo(Elsewhere, Later);

        var released = moved.SlotReleased();

        Assert.Null(released.ReleasePending);
        Assert.Equal(Elsewhere, released.Placement);
    }

    [Fact]
    public void GivesEachEventItsOwnIdGivenSeveralChanges()
    {
        var appointment = Pending().Confirm(Later).MoveTo(Elsewhere, Later).MoveTo(Original, Later).Cancel(Later);

        Assert.Equal(4, appointment.Outbox.Select(e => e.EventId).Distinct().Count());
    }

    [Fact]
    public void ChangesNothingGivenAbandonOfAConfirmedAppointment()
    {
        var confirmed = Pending().Confirm(Later);

        Assert.Same(confirmed, confirmed.Abandon(Later + Duration.FromMinutes(1)));
    }

    [Fact]
    public void DropsThePersonalDataAndKeepsTheAppointmentGivenErase()
    {
        var confirmed = Pending().Confirm(Later);

        var erased = confirmed.Erase(Later + Duration.FromMinutes(1));

        Assert.Null(erased.Patient);
        Assert.Null(erased.SealedReason);
        Assert.Equal(Later + Duration.FromMinutes(1), erased.UpdatedAt);
        Assert.Equal((confirmed.Id, AppointmentStatus.Confirmed, Original), (erased.Id, erased.Status, erased.Placement));
    }

    [Fact]
    public void DropsTheReasonGivenAnAppointmentWithAReasonOnly()
    {
        var reasonOnly = Pending() with { Patient = null };

        Assert.Null(reasonOnly.Erase(Later).SealedReason);
    }

    [Fact]
    public void DropsThePatientGivenAnAppointmentWithoutAReason()
    {
        var noReason = Pending() with { SealedReason = null };

        Assert.Null(noReason.Erase(Later).Patient);
    }

    [Fact]
    public void ChangesNothingGivenEraseOfAnErasedAppointment()
    {
        var erased = Pending().Erase(Later);

        Assert.Same(erased, erased.Erase(Later + Duration.FromMinutes(1)));
    }

    [Fact]
    public void DropsThePatientsIdGivenAnAppointmentWithNoPersonalDataLeft()
    {
        var noData = Pending() with { Patient = null, SealedReason = null };

        var erased = noData.Erase(Later);

        Assert.Equal(Appointment.ErasedPatientId, erased.PatientId);
        Assert.Equal(Later, erased.UpdatedAt);
    }

    [Fact]
    public void DropsThePatientGivenAnAppointmentAlreadyUnlinkedFromThePatientsId()
    {
        var unlinked = Pending() with { PatientId = Appointment.ErasedPatientId, SealedReason = null };

        Assert.Null(unlinked.Erase(Later).Patient);
    }

    [Fact]
    public void IsUnsettledAndSortedByItsLastChangeGivenEventsToPublish()
    {
        var confirmed = Pending().Confirm(Later);

        Assert.True(confirmed.IsUnsettled);
        Assert.Equal($"{Later.ToUnixTimeTicks():D19}.appointment-1", confirmed.SortKey);
        Assert.Equal([Appointment.UnsettledTag], confirmed.Tags);
    }

    [Fact]
    public void IsUnsettledGivenOnlyAFilingToDo()
    {
        var toFile = Pending() with { ToFile = true };

        Assert.True(toFile.IsUnsettled);
        Assert.NotNull(toFile.SortKey);
        Assert.Equal([Appointment.UnsettledTag], toFile.Tags);
    }

    [Fact]
    public void IsSettledWithoutSortKeyOrTagsGivenNothingToPublishOrFile()
    {
        var settled = Pending().Confirm(Later) with { Outbox = [] };

        Assert.False(settled.IsUnsettled);
        Assert.Null(settled.SortKey);
        Assert.Empty(settled.Tags);
    }

    [Fact]
    public void SortsTheOlderChangeFirstGivenTwoUnsettledAppointments()
    {
        var older = Pending().Confirm(BookedAt + Duration.FromSeconds(9)) with { Id = "b" };
        var newer = Pending().Confirm(BookedAt + Duration.FromSeconds(10)) with { Id = "a" };

        Assert.True(string.CompareOrdinal(older.SortKey, newer.SortKey) < 0);
    }

    [Fact]
    public void ShowsTheSlotWithTheOffsetItsZoneHadOnThatDay()
    {
        var summer = Instant.FromUtc(2026, 7, 6, 13, 0);
        var placement = new SlotPlacement("s", new LocalDate(2026, 7, 6), new SlotTime(summer, summer + Duration.FromMinutes(45)), "America/New_York");

        Assert.Equal(new OffsetDateTime(new LocalDateTime(2026, 7, 6, 9, 0), Offset.FromHours(-4)), placement.LocalStart);
        Assert.Equal(new OffsetDateTime(new LocalDateTime(2026, 7, 6, 9, 45), Offset.FromHours(-4)), placement.LocalEnd);
    }

    private static Appointment Pending() =>
        Appointment.Draft("appointment-1", "practitioner-1", "patient-1", Original, Patient(), "bk1.v1.reason", Consent.None, BookedAt);

    // The domain holds sealed envelopes only; their content is opaque here.
    private static SealedPatient Patient() => new("bk1.v1.a", "bk1.v1.b", "bk1.v1.c", "bk1.v1.d", "bk1.v1.e");

    private static SlotPlacement Placement(string slotId, int utcHour)
    {
        var start = Instant.FromUtc(2026, 3, 2, utcHour, 0);
        return new SlotPlacement(slotId, new LocalDate(2026, 3, 2), new SlotTime(start, start + Duration.FromMinutes(30)), "Europe/Paris");
    }
}
