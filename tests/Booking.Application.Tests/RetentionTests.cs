using Booking.Application.Booking;
using Booking.Application.Notifications;
using Booking.Application.Practitioners;
using Booking.Application.Reminders;
using Booking.Application.Retention;
using Booking.Application.Storage;
using Booking.Domain.Appointments;
using Booking.Domain.Practitioners;
using NodaTime;

namespace Booking.Application.Tests;

/// <summary>The purge removes exactly what has expired: appointments N days after they end, delivery logs by their own retention.</summary>
public sealed class RetentionTests : IDisposable
{
    private readonly BookingWorld _world = new(
        new DateTimeOffset(2026, 12, 7, 6, 0, 0, TimeSpan.Zero),
        new Dictionary<string, string?> { ["Retention:AppointmentDays"] = "30", ["Retention:DeliveryLogDays"] = "60" });

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task AnAppointmentGoesTheMomentItsRetentionEndsWithItsLinkAndItsPlaceInTheAgendaAndNotBefore()
    {
        var practitioner = await _world.PractitionerAsync(BookingWorld.EveryDay("08:00", "12:00"));
        var slots = await _world.SlotsAsync(practitioner);
        var early = await BookAsync(slots[0], "patient-1");
        var sameDay = await BookAsync(slots[1], "patient-2");
        var later = await BookAsync(slots.First(s => s.Placement.Date > slots[0].Placement.Date), "patient-3");
        var purge = _world.Get<PurgeExpiredData>();

        SetClock(early.Placement.Time.End + Duration.FromDays(30) - Duration.FromSeconds(1));
        await purge.RunAsync(default);
        Assert.NotNull(await ReadAsync(early.Id));

        SetClock(early.Placement.Time.End + Duration.FromDays(30));
        var counts = await purge.RunAsync(default);

        Assert.Equal(1, counts["appointments"]);
        Assert.Null(await ReadAsync(early.Id));
        Assert.Empty(await _world.Get<IDocumentStore<PatientAppointmentLink>>().ReadPartitionAsync(AppointmentKeys.PatientPartition("patient-1"), default));
        var day = (await _world.Get<IDocumentStore<PractitionerDay>>().ReadAsync(PractitionerKeys.Day(practitioner.Id, early.Placement.Date), default))!.Value;
        Assert.Equal([sameDay.Id], day.AppointmentIds);
        Assert.NotNull(await ReadAsync(sameDay.Id));
        Assert.NotNull(await ReadAsync(later.Id));

        SetClock(later.Placement.Time.End + Duration.FromDays(30));
        Assert.Equal(2, (await purge.RunAsync(default))["appointments"]);
        Assert.Null(await ReadAsync(sameDay.Id));
        Assert.Null(await ReadAsync(later.Id));
        Assert.Null(await _world.Get<IDocumentStore<PractitionerDay>>().ReadAsync(PractitionerKeys.Day(practitioner.Id, early.Placement.Date), default));
        Assert.Equal(0, (await purge.RunAsync(default))["appointments"]);
    }

    [Fact]
    public async Task AMovedAppointmentIsKeptUntilItsNewEndIsOldEnough()
    {
        var practitioner = await _world.PractitionerAsync(BookingWorld.EveryDay("08:00", "12:00"));
        var slots = await _world.SlotsAsync(practitioner);
        var booked = await BookAsync(slots[0], "patient-1");
        var target = slots.First(s => s.Placement.Date > slots[0].Placement.Date.PlusDays(3));
        Assert.True((await _world.Get<RescheduleAppointment>().HandleAsync(BookingWorld.Patient(), booked.Id, target.Placement.SlotId, default)).Succeeded);

        SetClock(booked.Placement.Time.End + Duration.FromDays(31));
        await _world.Get<PurgeExpiredData>().RunAsync(default);
        Assert.NotNull(await ReadAsync(booked.Id));

        SetClock(target.Placement.Time.End + Duration.FromDays(30));
        await _world.Get<PurgeExpiredData>().RunAsync(default);
        Assert.Null(await ReadAsync(booked.Id));
    }

    [Fact]
    public async Task MissedRunsAreCaughtUpByTheNextOne()
    {
        var practitioner = await _world.PractitionerAsync(BookingWorld.EveryDay("08:00", "12:00"));
        var slots = await _world.SlotsAsync(practitioner);
        var first = await BookAsync(slots[0], "patient-1");
        await _world.Get<PurgeExpiredData>().RunAsync(default); // a cursor exists from now on
        var laterDays = slots.Where(s => s.Placement.Date > slots[0].Placement.Date).GroupBy(s => s.Placement.Date).Take(5).Select(g => g.First()).ToList();
        var rest = new List<Appointment>();
        for (var i = 0; i < laterDays.Count; i++)
        {
            rest.Add(await BookAsync(laterDays[i], $"patient-{i + 2}"));
        }

        SetClock(rest[^1].Placement.Time.End + Duration.FromDays(45)); // the host was down for weeks

        Assert.Equal(6, (await _world.Get<PurgeExpiredData>().RunAsync(default))["appointments"]);
        Assert.Null(await ReadAsync(first.Id));
    }

    [Fact]
    public async Task DeliveryRecordsLastTheirOwnRetentionThenTheEmbeddedStoreDropsThem()
    {
        var practitioner = await _world.PractitionerAsync(BookingWorld.EveryDay("08:00", "12:00"));
        var slot = (await _world.SlotsAsync(practitioner))[0];
        var booked = await BookAsync(slot, "patient-1");
        SetClock(booked.Placement.Time.Start - Duration.FromHours(1));
        await _world.Get<SendReminders>().RunAsync(default);
        var deliveries = _world.Get<IDocumentStore<DeliveryRecord>>();
        Assert.Equal(2, (await deliveries.ReadPartitionAsync(DeliveryRecord.Partition("patient-1"), default)).Count);

        _world.Clock.Advance(TimeSpan.FromDays(60) - TimeSpan.FromMinutes(1));
        Assert.Equal(2, (await deliveries.ReadPartitionAsync(DeliveryRecord.Partition("patient-1"), default)).Count);
        _world.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(await deliveries.ReadPartitionAsync(DeliveryRecord.Partition("patient-1"), default));
    }

    private async Task<Appointment> BookAsync(Search.FreeSlot slot, string patient)
    {
        var booked = await _world.BookAsync(BookingWorld.Patient(patient), slot.Placement.SlotId, key: "k-" + patient);
        Assert.True(booked.Succeeded, booked.Failure?.Detail);
        return (await ReadAsync(booked.Value.AppointmentId!))!;
    }

    private async Task<Appointment?> ReadAsync(string id) =>
        (await _world.Get<IDocumentStore<Appointment>>().ReadAsync(AppointmentKeys.Appointment(id), default))?.Value;

    private void SetClock(Instant at) => _world.Clock.SetUtcNow(at.ToDateTimeOffset());
}
