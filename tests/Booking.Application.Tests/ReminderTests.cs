using Booking.Application.Booking;
using Booking.Application.Notifications;
using Booking.Application.Privacy;
using Booking.Application.Reminders;
using Booking.Application.Storage;
using Booking.Domain.Appointments;
using Booking.Domain.Patients;
using NodaTime;

namespace Booking.Application.Tests;

/// <summary>Reminders on a fake clock: exactly once per consented channel, inside the 24-hour window only.</summary>
public sealed class ReminderTests : IDisposable
{
    private static readonly DateTimeOffset Monday = new(2026, 12, 7, 6, 0, 0, TimeSpan.Zero);
    private readonly BookingWorld _world = new(Monday);

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task NothingGoesBeforeTheWindowOpensAndOneReminderPerChannelGoesWhenItDoes()
    {
        var (id, start) = await BookAsync(daysAhead: 3);
        var reminders = _world.Get<SendReminders>();

        SetClock(start - Duration.FromHours(24) - Duration.FromSeconds(1));
        await reminders.RunAsync(default);
        Assert.Empty(_world.Email.Sent);
        Assert.Empty(_world.Sms.Sent);

        SetClock(start - Duration.FromHours(24));
        var summary = await reminders.RunAsync(default);
        Assert.Equal(2, summary.Sent);
        Assert.Equal(id, Assert.Single(_world.Email.Sent).AppointmentId);
        Assert.Equal("zoe@example.org", Assert.Single(_world.Email.Sent).To);
        Assert.Equal("+33612345678", Assert.Single(_world.Sms.Sent).To);

        _world.Clock.Advance(TimeSpan.FromMinutes(15));
        await reminders.RunAsync(default);
        _world.Clock.Advance(TimeSpan.FromHours(6));
        await reminders.RunAsync(default);
        Assert.Single(_world.Email.Sent);
        Assert.Single(_world.Sms.Sent);
    }

    [Fact]
    public async Task AReminderSaysWhenAndLinksToManagementButNeverTheSpecialtyTheReasonOrByDefaultThePractitioner()
    {
        var (_, start) = await BookAsync(daysAhead: 2, reason: "Suivi dépression");
        SetClock(start - Duration.FromHours(20));
        await _world.Get<SendReminders>().RunAsync(default);

        var reminder = Assert.Single(_world.Email.Sent);
        Assert.Equal("reminder", reminder.Kind);
        var local = start.InZone(DateTimeZoneProviders.Tzdb["Europe/Paris"]);
        Assert.Contains(local.Date.ToString("d MMMM uuuu", System.Globalization.CultureInfo.GetCultureInfo("en-GB")), reminder.Body, StringComparison.Ordinal);
        Assert.Contains(local.TimeOfDay.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), reminder.Body, StringComparison.Ordinal);
        Assert.Matches("https://booking.example/manage/[A-Za-z0-9_-]{55}", reminder.Body);
        foreach (var secret in new[] { "Psychiatrie", "Suivi", "dépression", "Dr Test", "Zoé", "Martin" })
        {
            Assert.DoesNotContain(secret, reminder.Subject + reminder.Body, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task ThePractitionersNameIsIncludedOnlyWhenTheSettingIsOn()
    {
        using var world = new BookingWorld(Monday, new Dictionary<string, string?> { ["Reminders:IncludePractitionerName"] = "true" });
        var practitioner = await world.PractitionerAsync(BookingWorld.EveryDay("08:00", "12:00"));
        var slot = (await world.SlotsAsync(practitioner))[0];
        Assert.True((await world.BookAsync(BookingWorld.Patient(), slot.Placement.SlotId)).Succeeded);
        world.Clock.SetUtcNow((slot.Placement.Time.Start - Duration.FromHours(1)).ToDateTimeOffset());

        await world.Get<SendReminders>().RunAsync(default);

        Assert.Contains("with Dr Test", Assert.Single(world.Email.Sent).Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Psychiatrie", world.Email.Sent.Single().Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheWindowIsTwentyFourRealHoursAcrossADaylightSavingChange()
    {
        // Europe/Paris springs forward on Sunday 28 March 2027: 02:00 becomes 03:00.
        using var world = new BookingWorld(new DateTimeOffset(2027, 3, 25, 8, 0, 0, TimeSpan.Zero));
        var practitioner = await world.PractitionerAsync(BookingWorld.EveryDay("09:00", "10:00"));
        var slot = (await world.SlotsAsync(practitioner, "2027-03-28", "2027-03-28"))[0].Placement;
        Assert.Equal(Instant.FromUtc(2027, 3, 28, 7, 0), slot.Time.Start); // 09:00 CEST
        Assert.True((await world.BookAsync(BookingWorld.Patient(), slot.SlotId)).Succeeded);
        var reminders = world.Get<SendReminders>();

        // 24 real hours before is 08:00 CET on the Saturday: 09:00 on the wall clock would be an hour late.
        world.Clock.SetUtcNow(new DateTimeOffset(2027, 3, 27, 6, 59, 0, TimeSpan.Zero));
        await reminders.RunAsync(default);
        Assert.Empty(world.Email.Sent);
        world.Clock.SetUtcNow(new DateTimeOffset(2027, 3, 27, 7, 0, 0, TimeSpan.Zero));
        await reminders.RunAsync(default);
        Assert.Contains("Sunday 28 March 2027 at 09:00", Assert.Single(world.Email.Sent).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EachAppointmentOfTheAutumnChangeIsRemindedOnceTwentyFourRealHoursBeforeAndTheTextSaysWhichRepeatedTime()
    {
        // Europe/Paris falls back on Sunday 25 October 2026: at 03:00 CEST (01:00 UTC) it is 02:00 CET again, so 02:30
        // comes twice. A practice open from 01:00 to 04:00 that night has 01:30, then 02:30 CEST, then 02:30 CET.
        using var world = new BookingWorld(new DateTimeOffset(2026, 10, 20, 8, 0, 0, TimeSpan.Zero));
        var practitioner = await world.PractitionerAsync(BookingWorld.EveryDay("01:00", "04:00"));
        var slots = (await world.SlotsAsync(practitioner, "2026-10-25", "2026-10-25")).Select(s => s.Placement).ToList();
        var expected = new (Instant Start, string Text)[]
        {
            (Instant.FromUtc(2026, 10, 24, 23, 30), "Sunday 25 October 2026 at 01:30."),
            (Instant.FromUtc(2026, 10, 25, 0, 30), "Sunday 25 October 2026 at 02:30 UTC+02:00 (before the clocks go back)."),
            (Instant.FromUtc(2026, 10, 25, 1, 30), "Sunday 25 October 2026 at 02:30 UTC+01:00 (after the clocks go back)."),
        };
        var ids = new List<string>();
        foreach (var (start, _) in expected)
        {
            var slot = Assert.Single(slots, s => s.Time.Start == start);
            var booked = await world.BookAsync(BookingWorld.Patient($"patient-{ids.Count}"), slot.SlotId, key: $"key-{ids.Count}");
            Assert.True(booked.Succeeded, booked.Failure?.Detail);
            ids.Add(booked.Value.AppointmentId!);
        }

        // Runs every 5 minutes from Friday evening to Saturday morning, as the timer would (it runs every 15).
        var sentAt = new Dictionary<(string Id, NotificationChannel Channel), List<Instant>>();
        var reminders = world.Get<SendReminders>();
        for (var now = Instant.FromUtc(2026, 10, 23, 22, 0); now <= Instant.FromUtc(2026, 10, 24, 3, 0); now += Duration.FromMinutes(5))
        {
            world.Clock.SetUtcNow(now.ToDateTimeOffset());
            var email = world.Email.Sent.Count;
            var sms = world.Sms.Sent.Count;
            await reminders.RunAsync(default);
            foreach (var n in world.Email.Sent.Skip(email).Concat(world.Sms.Sent.Skip(sms)))
            {
                sentAt.TryAdd((n.AppointmentId, n.Channel), []);
                sentAt[(n.AppointmentId, n.Channel)].Add(now);
            }
        }

        for (var i = 0; i < ids.Count; i++)
        {
            foreach (var channel in new[] { NotificationChannel.Email, NotificationChannel.Sms })
            {
                Assert.Equal([expected[i].Start - Duration.FromHours(24)], sentAt[(ids[i], channel)]);
            }

            Assert.Contains($"is on {expected[i].Text}", world.Email.Sent.Single(n => n.AppointmentId == ids[i]).Body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TwoOverlappingRunsSendEachReminderOnce()
    {
        var (_, start) = await BookAsync(daysAhead: 1);
        SetClock(start - Duration.FromHours(2));
        var reminders = _world.Get<SendReminders>();
        _world.Email.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var first = reminders.RunAsync(default); // claims the email, then waits at the provider
        var second = await reminders.RunAsync(default); // loses the email's claim: sends no email, leaves the entry
        Assert.Empty(_world.Email.Sent);
        _world.Email.Gate.SetResult();
        await first;

        Assert.Equal(1, second.Deferred);
        Assert.Single(_world.Email.Sent);
        Assert.Single(_world.Sms.Sent);
        await reminders.RunAsync(default);
        Assert.Single(_world.Email.Sent);
    }

    [Fact]
    public async Task ARunThatDiedBetweenClaimingAndSendingIsFinishedOnceByALaterRunAfterTheClaimsLease()
    {
        var (id, start) = await BookAsync(daysAhead: 1);
        SetClock(start - Duration.FromHours(10));
        // What a process that died right after claiming the email leaves behind: a pending claim, nothing sent.
        var due = new ReminderDue(id, start);
        await _world.Get<IDocumentStore<DeliveryRecord>>().TryCreateAsync(
            DeliveryRecord.Key("patient-1", due.DeliveryId, NotificationChannel.Email),
            new DeliveryRecord(due.DeliveryId, id, NotificationChannel.Email, "pending", Now(), null), null, default);
        var restarted = _world.Get<SendReminders>();

        var early = await restarted.RunAsync(default); // inside the lease, another sender may still be at work
        Assert.Equal(1, early.Deferred);
        Assert.Empty(_world.Email.Sent);
        Assert.Single(_world.Sms.Sent);

        _world.Clock.Advance(TimeSpan.FromMinutes(15));
        await restarted.RunAsync(default);
        _world.Clock.Advance(TimeSpan.FromMinutes(15));
        await restarted.RunAsync(default);
        Assert.Single(_world.Email.Sent);
        Assert.Single(_world.Sms.Sent);
    }

    [Fact]
    public async Task AChannelThatFailsIsRetriedByTheNextRunWithoutHoldingBackTheOther()
    {
        var (_, start) = await BookAsync(daysAhead: 1);
        SetClock(start - Duration.FromHours(10));
        var reminders = _world.Get<SendReminders>();
        _world.Email.Down = true;

        Assert.Equal(1, (await reminders.RunAsync(default)).Deferred);
        Assert.Empty(_world.Email.Sent);
        Assert.Single(_world.Sms.Sent);

        _world.Email.Down = false;
        _world.Clock.Advance(TimeSpan.FromMinutes(15));
        await reminders.RunAsync(default);
        _world.Clock.Advance(TimeSpan.FromMinutes(15));
        await reminders.RunAsync(default);
        Assert.Single(_world.Email.Sent);
        Assert.Single(_world.Sms.Sent);
    }

    [Fact]
    public async Task ARunMissedWhileTheHostWasDownIsCaughtUpButAnAppointmentAlreadyStartedIsNotReminded()
    {
        var (early, earlyStart) = await BookAsync(daysAhead: 1);
        var (late, lateStart) = await BookAsync(daysAhead: 2, patient: "patient-2");
        var reminders = _world.Get<SendReminders>();

        SetClock(earlyStart + Duration.FromMinutes(5)); // down from before the first was due until after it began
        await reminders.RunAsync(default);
        Assert.DoesNotContain(_world.Email.Sent, n => n.AppointmentId == early);

        SetClock(lateStart - Duration.FromHours(3)); // the second's reminder was due 21 hours ago
        await reminders.RunAsync(default);
        Assert.Equal(late, Assert.Single(_world.Email.Sent).AppointmentId);
    }

    [Fact]
    public async Task OnlyTheChannelsConsentedToWhenTheReminderGoesAreUsed()
    {
        var (id, start) = await BookAsync(daysAhead: 1);
        var (other, _) = await BookAsync(daysAhead: 1, patient: "patient-2");
        await _world.Get<IDocumentStore<Appointment>>().UpdateAsync(AppointmentKeys.Appointment(id), a => a with { Consent = new Consent(false, false) }, default);
        await _world.Get<IDocumentStore<Appointment>>().UpdateAsync(AppointmentKeys.Appointment(other), a => a with { Consent = new Consent(true, false) }, default);
        SetClock(start - Duration.FromHours(1));

        await _world.Get<SendReminders>().RunAsync(default);

        Assert.Equal(other, Assert.Single(_world.Email.Sent).AppointmentId);
        Assert.Empty(_world.Sms.Sent);
    }

    [Fact]
    public async Task ACancelledAppointmentGetsNoReminderAndNoneMoreAfterOneWasSent()
    {
        var (cancelledFirst, start) = await BookAsync(daysAhead: 1);
        var (cancelledAfter, _) = await BookAsync(daysAhead: 1, patient: "patient-2");
        var reminders = _world.Get<SendReminders>();
        await _world.Get<CancelAppointment>().HandleAsync(BookingWorld.Patient(), cancelledFirst, default);

        SetClock(start - Duration.FromHours(5));
        await reminders.RunAsync(default);
        Assert.Equal(cancelledAfter, Assert.Single(_world.Email.Sent).AppointmentId);

        await _world.Get<CancelAppointment>().HandleAsync(BookingWorld.Patient("patient-2"), cancelledAfter, default);
        _world.Clock.Advance(TimeSpan.FromMinutes(15));
        await reminders.RunAsync(default);
        Assert.Single(_world.Email.Sent);
    }

    [Fact]
    public async Task AnAppointmentCancelledWhileItsEmailReminderIsWithTheProviderGetsNoSmsReminderAfterTheCancellation()
    {
        var (id, start) = await BookAsync(daysAhead: 1);
        SetClock(start - Duration.FromHours(2));
        _world.Email.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var run = _world.Get<SendReminders>().RunAsync(default); // read the appointment (confirmed), now waits at the email provider
        await _world.Email.AtGate.Task;
        Assert.True((await _world.Get<CancelAppointment>().HandleAsync(BookingWorld.Patient(), id, default)).Succeeded);
        _world.Email.Gate.SetResult();
        await run;

        Assert.Single(_world.Email.Sent); // already with the provider when the patient cancelled: it cannot be called back
        Assert.Empty(_world.Sms.Sent); // the old run sent it after the cancellation, from the appointment it had read before
        _world.Clock.Advance(TimeSpan.FromMinutes(15));
        await _world.Get<SendReminders>().RunAsync(default);
        Assert.Empty(_world.Sms.Sent);
    }

    [Fact]
    public async Task ABookingARunMissesWhileItIsWrittenAndFiledIsRemindedByTheNextRun()
    {
        var practitioner = await _world.PractitionerAsync(BookingWorld.EveryDay("08:00", "12:00"));
        var slot = (await _world.SlotsAsync(practitioner)).First(s => s.Placement.Time.Start > Now() + Duration.FromHours(2)).Placement;
        var reminders = _world.Get<SendReminders>();
        ReminderRunSummary? during = null;
        // The booking writes its appointment once, confirmed; its reminder is filed after, off the request path.
        _world.Appointments.BeforeNextWrite = async () => during = await reminders.RunAsync(default);

        var booked = await _world.BookAsync(BookingWorld.Patient(), slot.SlotId);

        Assert.True(booked.Succeeded, booked.Failure?.Detail);
        Assert.NotNull(during);
        Assert.Equal(0, during.Sent);
        Assert.Empty(_world.Email.Sent);
        _world.Clock.Advance(TimeSpan.FromMinutes(15));
        await reminders.RunAsync(default);
        Assert.Equal(booked.Value.AppointmentId, Assert.Single(_world.Email.Sent).AppointmentId);
        Assert.Single(_world.Sms.Sent);
    }

    [Fact]
    public async Task AnHoursBucketThatCannotBeReadHoldsBackNoLaterHourAndIsRemindedByTheNextRun()
    {
        var practitioner = await _world.PractitionerAsync(BookingWorld.EveryDay("08:00", "12:00"));
        var slots = await _world.SlotsAsync(practitioner);
        var early = slots.First(s => s.Placement.Time.Start > Now() + Duration.FromDays(1)).Placement;
        var late = slots.First(s => s.Placement.Time.Start >= early.Time.Start + Duration.FromHours(3)).Placement;
        var earlyId = (await _world.BookAsync(BookingWorld.Patient(), early.SlotId)).Value!.AppointmentId;
        var lateId = (await _world.BookAsync(BookingWorld.Patient("patient-2"), late.SlotId, key: "key-2")).Value!.AppointmentId;
        SetClock(early.Time.Start - Duration.FromHours(1)); // both due, in hours of the index three apart
        var unreadable = ReminderDue.Bucket(early.Time.Start - ReminderDue.Lead);
        _world.ReminderIndex.FailPartitionReads = bucket => bucket == unreadable;
        var reminders = _world.Get<SendReminders>();

        var first = await reminders.RunAsync(default); // the old run stopped at the unreadable hour, before the later one

        Assert.Equal(1, first.Deferred);
        Assert.Equal(lateId, Assert.Single(_world.Email.Sent).AppointmentId);
        _world.ReminderIndex.FailPartitionReads = null;
        _world.Clock.Advance(TimeSpan.FromMinutes(15));
        await reminders.RunAsync(default);
        Assert.Equal([lateId, earlyId], _world.Email.Sent.Select(n => n.AppointmentId));
    }

    [Fact]
    public async Task AMovedAppointmentIsRemindedForItsNewTimeOnly()
    {
        var practitioner = await _world.PractitionerAsync(BookingWorld.EveryDay("08:00", "12:00"));
        var slots = await _world.SlotsAsync(practitioner);
        var first = slots.First(s => s.Placement.Time.Start > Now() + Duration.FromDays(1));
        var later = slots.First(s => s.Placement.Time.Start > first.Placement.Time.Start + Duration.FromDays(2));
        var id = (await _world.BookAsync(BookingWorld.Patient(), first.Placement.SlotId)).Value!.AppointmentId!;
        SetClock(first.Placement.Time.Start - Duration.FromHours(2));
        await _world.Get<SendReminders>().RunAsync(default);
        Assert.Single(_world.Email.Sent);

        Assert.True((await _world.Get<RescheduleAppointment>().HandleAsync(BookingWorld.Patient(), id, later.Placement.SlotId, default)).Succeeded);
        SetClock(later.Placement.Time.Start - Duration.FromHours(23));
        await _world.Get<SendReminders>().RunAsync(default);
        await _world.Get<SendReminders>().RunAsync(default);

        Assert.Equal(2, _world.Email.Sent.Count);
    }

    [Fact]
    public async Task AnErasedPatientIsNotRemindedAndNothingOfTheirsIsOpened()
    {
        var (id, start) = await BookAsync(daysAhead: 1);
        Assert.True((await _world.Get<EraseMe>().HandleAsync(BookingWorld.Patient(), default)).Succeeded);
        SetClock(start - Duration.FromHours(1));

        await _world.Get<SendReminders>().RunAsync(default);

        Assert.Empty(_world.Email.Sent);
        Assert.Empty(_world.Sms.Sent);
        Assert.DoesNotContain(await _world.AccessLog.AboutPatientAsync("patient-1", default), e => e.Purpose == AccessPurpose.Notification && e.AppointmentId == id);
    }

    private Instant Now() => Instant.FromDateTimeOffset(_world.Clock.GetUtcNow());

    private void SetClock(Instant at) => _world.Clock.SetUtcNow(at.ToDateTimeOffset());

    private int _practitioners;

    private async Task<(string Id, Instant Start)> BookAsync(int daysAhead, string patient = "patient-1", string? reason = null)
    {
        var practitioner = await _world.PractitionerAsync(BookingWorld.EveryDay("08:00", "12:00"));
        _practitioners++;
        var slot = (await _world.SlotsAsync(practitioner)).First(s => s.Placement.Time.Start > Now() + Duration.FromDays(daysAhead)).Placement;
        var booked = await _world.Get<BookAppointment>().HandleAsync(BookingWorld.Patient(patient), $"key-{_practitioners}", new BookAppointmentCommand(
            slot.SlotId, new PatientInput("Zoé", "Martin", "zoe@example.org", "+33612345678", "1990-01-01"), reason, new ConsentInput(true, true)), default);
        Assert.True(booked.Succeeded, booked.Failure?.Detail);
        await _world.WhenFiledAsync();
        return (booked.Value.AppointmentId!, slot.Time.Start);
    }
}
