using Booking.Application.Booking;
using Booking.Application.Common;
using Booking.Application.Storage;
using Booking.Domain.Appointments;

namespace Booking.Application.Tests;

public sealed class BookAppointmentTests : IDisposable
{
    // Tuesday 1 December 2026, 08:00 in Paris.
    private readonly BookingWorld _world = new(new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.Zero));

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task SlotSoonerThanTheMinimumNoticeIsNeitherListedNorBookable()
    {
        var practitioner = await _world.PractitionerAsync(BookingWorld.EveryDay("08:00", "12:00", notice: 60));
        var today = await _world.SlotsAsync(practitioner, "2026-12-01", "2026-12-01");

        Assert.Equal("2026-12-01T09:00:00+01:00", today[0].Placement.LocalStart.ToString("uuuu-MM-dd'T'HH:mm:sso<+HH:mm>", null));
        var onTime = await _world.BookAsync(BookingWorld.Patient(), today[0].Placement.SlotId);
        Assert.True(onTime.Succeeded);

        _world.Clock.Advance(TimeSpan.FromMinutes(31)); // 08:31: the 09:30 slot is now inside the notice
        var late = await _world.BookAsync(BookingWorld.Patient("p2"), today[1].Placement.SlotId, "key-2");

        Assert.Equal("slot-taken", late.Failure?.Code);
        Assert.DoesNotContain(await _world.SlotsAsync(practitioner, "2026-12-01", "2026-12-01"), s => s.Placement.SlotId == today[1].Placement.SlotId);
    }

    [Fact]
    public async Task SlotsStopAtTheHorizonCountingTodayAsTheFirstDay()
    {
        var practitioner = await _world.PractitionerAsync(BookingWorld.EveryDay("08:00", "12:00", horizon: 3));

        var slots = await _world.SlotsAsync(practitioner, "2026-12-01", "2026-12-10");

        Assert.Equal(new[] { "2026-12-01", "2026-12-02", "2026-12-03" }, slots.Select(s => s.Placement.Date.ToString("uuuu-MM-dd", null)).Distinct());
    }

    [Fact]
    public async Task SlotsOfAPractitionerInAnotherZoneCarryThatZonesOffset()
    {
        var practitioner = await _world.PractitionerAsync(BookingWorld.EveryDay("09:00", "10:00", "America/New_York"), "America/New_York");

        var slots = await _world.SlotsAsync(practitioner, "2026-12-02", "2026-12-02");

        Assert.Equal(2, slots.Count);
        Assert.Equal(NodaTime.Offset.FromHours(-5), slots[0].Placement.LocalStart.Offset);
        Assert.Equal(9, slots[0].Placement.LocalStart.Hour);
        Assert.Equal(NodaTime.Instant.FromUtc(2026, 12, 2, 14, 0), slots[0].Placement.Time.Start);
    }

    [Fact]
    public async Task ACrashBeforeTheSlotIsHeldIsFinishedByARetryWithTheSameKey()
    {
        var practitioner = await _world.PractitionerAsync(BookingWorld.EveryDay("08:00", "12:00"));
        var slot = (await _world.SlotsAsync(practitioner))[0].Placement.SlotId;
        _world.Days.FailNextCreates = 1;

        await Assert.ThrowsAsync<CrashException>(() => _world.BookAsync(BookingWorld.Patient(), slot));
        var retried = await _world.BookAsync(BookingWorld.Patient(), slot);

        Assert.True(retried.Succeeded);
        var mine = await _world.Get<ListMyAppointments>().HandleAsync(BookingWorld.Patient(), Paging.PageRequest.First, default);
        Assert.Equal(retried.Value.AppointmentId, Assert.Single(mine.Value!.Items).AppointmentId);
        Assert.DoesNotContain(await _world.SlotsAsync(practitioner), s => s.Placement.SlotId == slot);
    }

    [Fact]
    public async Task ACrashAfterTheSlotIsHeldIsConfirmedByARetryNotLostNorDoubled()
    {
        var practitioner = await _world.PractitionerAsync(BookingWorld.EveryDay("08:00", "12:00"));
        var slot = (await _world.SlotsAsync(practitioner))[0].Placement.SlotId;
        _world.Appointments.FailNextCreates = 1; // the slot is held, then the process dies before the appointment is written

        await Assert.ThrowsAsync<CrashException>(() => _world.BookAsync(BookingWorld.Patient(), slot));
        var otherPatient = await _world.BookAsync(BookingWorld.Patient("p2"), slot, "other");
        var retried = await _world.BookAsync(BookingWorld.Patient(), slot);

        Assert.Equal("slot-taken", otherPatient.Failure?.Code);
        Assert.True(retried.Succeeded);
        var stored = await _world.Get<IDocumentStore<Appointment>>().ReadAsync(AppointmentKeys.Appointment(retried.Value.AppointmentId!), default);
        Assert.Equal(AppointmentStatus.Confirmed, stored!.Value.Status);
        Assert.Empty(stored.Value.Outbox);
        Assert.Single(_world.Bus.Sent, s => s.Message.Body.Contains(stored.Value.Id, StringComparison.Ordinal) && s.Message.Body.Contains("AppointmentConfirmed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ABookingWhoseFilingDiedIsFiledByTheOutboxSweeperAndFoundByTheRemindersAndThePatient()
    {
        var practitioner = await _world.PractitionerAsync(BookingWorld.EveryDay("08:00", "12:00"));
        var slots = await _world.SlotsAsync(practitioner);
        var slot = slots[^1].Placement;
        _world.ReminderIndex.FailNextUpserts = 1; // the appointment is written and answered; the filing handed off dies

        var booked = await _world.BookAsync(BookingWorld.Patient(), slot.SlotId);
        var id = booked.Value!.AppointmentId!;
        var before = await _world.Get<IDocumentStore<Reminders.ReminderDue>>().ReadAsync(Reminders.ReminderDue.Key(id, slot.Time.Start), default);
        var mine = await _world.Get<ListMyAppointments>().HandleAsync(BookingWorld.Patient(), Paging.PageRequest.First, default);
        _world.Clock.Advance(TimeSpan.FromMinutes(2));
        await _world.Get<Messaging.OutboxPublisher>().SweepAsync(default);

        Assert.True(booked.Succeeded);
        Assert.Null(before);
        Assert.Equal(id, Assert.Single(mine.Value!.Items).AppointmentId);
        Assert.NotNull(await _world.Get<IDocumentStore<Reminders.ReminderDue>>().ReadAsync(Reminders.ReminderDue.Key(id, slot.Time.Start), default));
        Assert.NotNull(await _world.Get<IDocumentStore<Retention.AppointmentRetention>>().ReadAsync(Retention.AppointmentRetention.Key(id, slot.Time.End), default));
        Assert.Single(await _world.Get<IDocumentStore<PatientAppointmentLink>>().ReadPartitionAsync(AppointmentKeys.PatientPartition("patient-1"), default));
        Assert.Empty((await _world.Get<IDocumentStore<Appointment>>().ReadAsync(AppointmentKeys.Appointment(id), default))!.Value.Outbox);
        Assert.Single(_world.Bus.Sent.Select(s => s.Message.MessageId).Distinct()); // sent once; a re-send has the same id, dropped as a duplicate
    }

    [Fact]
    public async Task ABookingNotYetFiledUnderItsPatientIsListedAndErasedAllTheSame()
    {
        var practitioner = await _world.PractitionerAsync(BookingWorld.EveryDay("08:00", "12:00"));
        var slots = await _world.SlotsAsync(practitioner);
        var booked = await _world.BookAsync(BookingWorld.Patient(), slots[^1].Placement.SlotId);
        var id = booked.Value!.AppointmentId!;
        var links = _world.Get<IDocumentStore<PatientAppointmentLink>>();
        await links.DeleteAsync(AppointmentKeys.PatientLink("patient-1", id), default); // as between the answer and the filing

        var mine = await _world.Get<ListMyAppointments>().HandleAsync(BookingWorld.Patient(), Paging.PageRequest.First, default);
        await _world.Get<Privacy.EraseMe>().HandleAsync(BookingWorld.Patient(), default);

        Assert.Equal(id, Assert.Single(mine.Value!.Items).AppointmentId);
        var stored = (await _world.Get<IDocumentStore<Appointment>>().ReadAsync(AppointmentKeys.Appointment(id), default))!.Value;
        Assert.Equal((AppointmentStatus.Cancelled, Appointment.ErasedPatientId), (stored.Status, stored.PatientId));
        Assert.Null(stored.Patient);
    }

    [Fact]
    public async Task TheKeyIsRememberedForADayAndForgottenAfterItsRetention()
    {
        var practitioner = await _world.PractitionerAsync(BookingWorld.EveryDay("08:00", "20:00", horizon: 10));
        var slots = await _world.SlotsAsync(practitioner, "2026-12-05", "2026-12-05");
        Assert.True((await _world.BookAsync(BookingWorld.Patient(), slots[0].Placement.SlotId)).Succeeded);

        _world.Clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        var reused = await _world.BookAsync(BookingWorld.Patient(), slots[1].Placement.SlotId);
        _world.Clock.Advance(TimeSpan.FromSeconds(1));
        var afterRetention = await _world.BookAsync(BookingWorld.Patient(), slots[1].Placement.SlotId);

        Assert.Equal(FailureKind.Unprocessable, reused.Failure?.Kind);
        Assert.True(afterRetention.Succeeded);
    }

    [Fact]
    public async Task KeysAreScopedPerCaller()
    {
        var practitioner = await _world.PractitionerAsync(BookingWorld.EveryDay("08:00", "12:00"));
        var slots = await _world.SlotsAsync(practitioner);

        var first = await _world.BookAsync(BookingWorld.Patient("a"), slots[0].Placement.SlotId, "same");
        var second = await _world.BookAsync(BookingWorld.Patient("b"), slots[1].Placement.SlotId, "same");

        Assert.True(first.Succeeded);
        Assert.True(second.Succeeded);
        Assert.NotEqual(first.Value.AppointmentId, second.Value.AppointmentId);
    }

    [Fact]
    public async Task ACrashBetweenMovingAndFreeingTheOldSlotIsRepairedByTheNextMove()
    {
        var practitioner = await _world.PractitionerAsync(BookingWorld.EveryDay("08:00", "12:00"));
        var slots = await _world.SlotsAsync(practitioner);
        var patient = BookingWorld.Patient();
        var booked = await _world.BookAsync(patient, slots[0].Placement.SlotId);
        _world.Days.ReplacesBeforeFailing = 1;
        _world.Days.FailNextReplaces = 1;
        await Assert.ThrowsAsync<CrashException>(() => _world.Get<RescheduleAppointment>().HandleAsync(patient, booked.Value!.AppointmentId!, slots[1].Placement.SlotId, default));

        var moved = await _world.Get<RescheduleAppointment>().HandleAsync(patient, booked.Value!.AppointmentId!, slots[2].Placement.SlotId, default);

        Assert.True(moved.Succeeded);
        var free = (await _world.SlotsAsync(practitioner)).Select(s => s.Placement.SlotId).ToList();
        Assert.Contains(slots[0].Placement.SlotId, free);
        Assert.Contains(slots[1].Placement.SlotId, free);
        Assert.DoesNotContain(slots[2].Placement.SlotId, free);
    }

    [Fact]
    public async Task ACrashBetweenMovingAndFreeingTheOldSlotIsRepairedByCancelling()
    {
        var practitioner = await _world.PractitionerAsync(BookingWorld.EveryDay("08:00", "12:00"));
        var slots = await _world.SlotsAsync(practitioner);
        var patient = BookingWorld.Patient();
        var booked = await _world.BookAsync(patient, slots[0].Placement.SlotId);
        _world.Days.ReplacesBeforeFailing = 1; // the new slot is held, then the release of the old one dies
        _world.Days.FailNextReplaces = 1;

        await Assert.ThrowsAsync<CrashException>(() => _world.Get<RescheduleAppointment>().HandleAsync(patient, booked.Value!.AppointmentId!, slots[1].Placement.SlotId, default));
        Assert.DoesNotContain(await _world.SlotsAsync(practitioner), s => s.Placement.SlotId == slots[0].Placement.SlotId);
        var cancelled = await _world.Get<CancelAppointment>().HandleAsync(patient, booked.Value!.AppointmentId!, default);

        Assert.True(cancelled.Succeeded);
        var free = (await _world.SlotsAsync(practitioner)).Select(s => s.Placement.SlotId).ToList();
        Assert.Contains(slots[0].Placement.SlotId, free);
        Assert.Contains(slots[1].Placement.SlotId, free);
    }
}
