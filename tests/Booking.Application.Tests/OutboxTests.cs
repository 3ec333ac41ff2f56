using System.Text.Json;
using Booking.Application.Booking;
using Booking.Application.Messaging;
using Booking.Application.Storage;
using Booking.Application.Common;
using Booking.Domain.Appointments;

namespace Booking.Application.Tests;

public sealed class OutboxTests : IDisposable
{
    private readonly BookingWorld _world = new(new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.Zero));

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task EachChangePublishesItsEventWithIdsOnlyAndTheEventIdAsMessageId()
    {
        var practitioner = await _world.PractitionerAsync(BookingWorld.EveryDay("08:00", "12:00"));
        var slots = await _world.SlotsAsync(practitioner);
        var patient = BookingWorld.Patient();
        var booked = await _world.BookAsync(patient, slots[0].Placement.SlotId);
        var id = booked.Value!.AppointmentId!;
        await _world.Get<RescheduleAppointment>().HandleAsync(patient, id, slots[1].Placement.SlotId, default);
        await _world.Get<CancelAppointment>().HandleAsync(patient, id, default);
        await _world.Get<CancelAppointment>().HandleAsync(patient, id, default);

        var events = _world.Bus.Sent.Select(s => (s.Entity, s.Message, Event: EventMessage.Parse(s.Message.Body)!)).ToList();
        Assert.Equal(
            new[] { AppointmentEventType.AppointmentConfirmed, AppointmentEventType.AppointmentRescheduled, AppointmentEventType.AppointmentCancelled },
            events.Select(e => e.Event.Type));
        Assert.All(events, e =>
        {
            Assert.Equal("appointment-events", e.Entity);
            Assert.Equal(e.Event.EventId, e.Message.MessageId);
            Assert.Equal(id, e.Event.AppointmentId);
            Assert.Equal(new[] { "appointmentId", "eventId", "occurredAt", "type" }, JsonDocument.Parse(e.Message.Body).RootElement.EnumerateObject().Select(p => p.Name).Order());
            Assert.DoesNotContain("Zoé", e.Message.Body, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task ABookingIsUnsettledUntilItsHandOffFilesAndPublishesItThenInNoSweep()
    {
        var id = await BookedAndFiledWithTheBusDownAsync();

        var unsettled = Assert.Single(await UnsettledAsync());
        Assert.Equal(id, unsettled.Value.Id);
        Assert.Equal(AppointmentKeys.Appointment(id), unsettled.Key);
        Assert.Single(unsettled.Value.Outbox); // the bus being down, its event is still to be sent

        _world.Bus.Down = false;
        _world.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await _world.Get<OutboxPublisher>().SweepAsync(default));
        Assert.Empty(await UnsettledAsync());
        Assert.Equal(0, await _world.Get<OutboxPublisher>().SweepAsync(default));
        Assert.Single(_world.Bus.Sent);
    }

    [Fact]
    public async Task ACancellationWrittenWhileAPublisherClearsTheBookingsEventIsKeptAndSentByTheSweeperWhenItsOwnPublishingFails()
    {
        // The fault run's lost cancellation of an earlier design: a publisher (the booking's hand-off) has read the appointment
        // without the cancellation; the cancellation then writes its event, and its own publishing fails. The publisher's
        // clearing write is conditional on what it read, so it cannot drop the cancellation's event.
        var id = await BookedAndFiledWithTheBusDownAsync();
        var store = _world.Get<IDocumentStore<Appointment>>();
        var readByThePublisher = (await store.ReadAsync(AppointmentKeys.Appointment(id), default))!;

        await _world.Get<CancelAppointment>().HandleAsync(BookingWorld.Patient(), id, default);
        var cleared = readByThePublisher.Value with { Outbox = [] };
        Assert.Null(await store.TryReplaceAsync(readByThePublisher.Key, cleared, readByThePublisher.ETag, null, default));
        _world.Bus.Down = false;
        _world.Clock.Advance(TimeSpan.FromMinutes(2));
        await _world.Get<OutboxPublisher>().SweepAsync(default);

        var events = _world.Bus.Sent.Select(s => EventMessage.Parse(s.Message.Body)!).ToList();
        Assert.Equal(new[] { AppointmentEventType.AppointmentConfirmed, AppointmentEventType.AppointmentCancelled }, events.Select(e => e.Type));
        Assert.Empty(await UnsettledAsync());
    }

    [Fact]
    public async Task APublisherSendsOnlyTheEventsOfTheChangeItPublishesSoACancellationIsNotAnnouncedBeforeItsSlotIsFree()
    {
        // The booking's hand-off publishing after a cancellation wrote its event, but before the cancellation freed the slot:
        // sending the cancellation then would have the search's summary refreshed from a day where the slot is still held.
        var id = await BookedAndFiledWithTheBusDownAsync();
        var store = _world.Get<IDocumentStore<Appointment>>();
        var booked = (await store.ReadAsync(AppointmentKeys.Appointment(id), default))!.Value;
        await _world.Get<AppointmentUpdater>().UpdateAsync(id, a => a.Cancel(_world.Clock.GetCurrentInstant()), default);
        _world.Bus.Down = false;

        await _world.Get<OutboxPublisher>().PublishAsync(booked, null, filed: true, default);

        Assert.Equal([AppointmentEventType.AppointmentConfirmed], _world.Bus.Sent.Select(s => EventMessage.Parse(s.Message.Body)!.Type));
        var stored = (await store.ReadAsync(AppointmentKeys.Appointment(id), default))!.Value;
        Assert.Equal([AppointmentEventType.AppointmentCancelled], stored.Outbox.Select(e => e.Type));
        Assert.False(stored.ToFile);
        Assert.Single(await UnsettledAsync()); // the cancellation's own publishing, or the sweeper, sends it
    }

    /// <summary>A booking whose hand-off filed it but could not send its confirmation: its event is still in its outbox.</summary>
    private async Task<string> BookedAndFiledWithTheBusDownAsync()
    {
        var practitioner = await _world.PractitionerAsync(BookingWorld.EveryDay("08:00", "12:00"));
        var slot = (await _world.SlotsAsync(practitioner))[0].Placement.SlotId;
        _world.Bus.Down = true;
        var id = (await _world.BookAsync(BookingWorld.Patient(), slot)).Value!.AppointmentId!;
        await _world.WhenFiledAsync();
        return id;
    }

    /// <summary>The appointments the sweeper would look at: the unsettled ones of every shard.</summary>
    private async Task<List<Versioned<Appointment>>> UnsettledAsync()
    {
        var appointments = _world.Get<IDocumentStore<Appointment>>();
        var all = new List<Versioned<Appointment>>();
        for (var shard = 0; shard < AppointmentKeys.Shards; shard++)
        {
            all.AddRange(await appointments.QueryPartitionAsync(AppointmentKeys.Shard(shard), new SortedQuery(Appointment.UnsettledTag, null, 100), default));
        }

        return all;
    }

    [Fact]
    public async Task AnEventLeftByACrashBeforePublishingIsSentByTheSweeperNotLost()
    {
        var practitioner = await _world.PractitionerAsync(BookingWorld.EveryDay("08:00", "12:00"));
        var slot = (await _world.SlotsAsync(practitioner))[0].Placement.SlotId;
        _world.Bus.Down = true;

        var booked = await _world.BookAsync(BookingWorld.Patient(), slot);
        Assert.True(booked.Succeeded); // the booking stands whatever the bus says
        var stored = await _world.Get<IDocumentStore<Appointment>>().ReadAsync(AppointmentKeys.Appointment(booked.Value!.AppointmentId!), default);
        Assert.Single(stored!.Value.Outbox);

        _world.Bus.Down = false;
        var outbox = _world.Get<OutboxPublisher>();
        await outbox.SweepAsync(default);
        Assert.Empty(_world.Bus.Sent); // too young: may still be in flight
        _world.Clock.Advance(TimeSpan.FromMinutes(2));
        await outbox.SweepAsync(default);
        await outbox.SweepAsync(default);

        var sent = Assert.Single(_world.Bus.Sent);
        Assert.Equal(AppointmentEventType.AppointmentConfirmed, EventMessage.Parse(sent.Message.Body)!.Type);
        stored = await _world.Get<IDocumentStore<Appointment>>().ReadAsync(AppointmentKeys.Appointment(booked.Value.AppointmentId!), default);
        Assert.Empty(stored!.Value.Outbox);
        Assert.Empty(await UnsettledAsync());
    }

    [Fact]
    public async Task AnAppointmentTheSweeperCannotPublishDoesNotHoldBackTheOthers()
    {
        var practitioner = await _world.PractitionerAsync(BookingWorld.EveryDay("08:00", "12:00"));
        var slots = await _world.SlotsAsync(practitioner);
        _world.Bus.Down = true;
        var ids = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            ids.Add((await _world.BookAsync(BookingWorld.Patient($"patient-{i}"), slots[i].Placement.SlotId, key: $"key-{i}")).Value!.AppointmentId!);
        }

        _world.Bus.Down = false;
        var stuck = ids[0];
        _world.Bus.Refuses = m => EventMessage.Parse(m.Body)!.AppointmentId == stuck;
        _world.Clock.Advance(TimeSpan.FromMinutes(2));

        var published = await _world.Get<OutboxPublisher>().SweepAsync(default);

        Assert.Equal(5, published);
        Assert.Equal(ids.Skip(1).Order(), _world.Bus.Sent.Select(s => EventMessage.Parse(s.Message.Body)!.AppointmentId).Order());
        _world.Bus.Refuses = _ => false;
        Assert.Equal(1, await _world.Get<OutboxPublisher>().SweepAsync(default));
        Assert.Contains(_world.Bus.Sent, s => EventMessage.Parse(s.Message.Body)!.AppointmentId == stuck);
    }

    [Fact]
    public async Task ACancellationRescheduleOrErasureLeftUnsentByADownBusIsSentByTheSweeper()
    {
        var practitioner = await _world.PractitionerAsync(BookingWorld.EveryDay("08:00", "12:00"));
        var slots = await _world.SlotsAsync(practitioner);
        var moved = (await _world.BookAsync(BookingWorld.Patient("p1"), slots[0].Placement.SlotId)).Value!.AppointmentId!;
        var cancelled = (await _world.BookAsync(BookingWorld.Patient("p2"), slots[1].Placement.SlotId)).Value!.AppointmentId!;
        var erased = (await _world.BookAsync(BookingWorld.Patient("p3"), slots[2].Placement.SlotId)).Value!.AppointmentId!;
        _world.Bus.Down = true;

        await _world.Get<RescheduleAppointment>().HandleAsync(BookingWorld.Patient("p1"), moved, slots[3].Placement.SlotId, default);
        await _world.Get<CancelAppointment>().HandleAsync(BookingWorld.Patient("p2"), cancelled, default);
        await _world.Get<Privacy.EraseMe>().HandleAsync(BookingWorld.Patient("p3"), default);
        _world.Bus.Down = false;
        _world.Clock.Advance(TimeSpan.FromMinutes(2));
        await _world.Get<OutboxPublisher>().SweepAsync(default);

        var swept = _world.Bus.Sent.Skip(3).Select(s => EventMessage.Parse(s.Message.Body)!).Select(e => (e.AppointmentId, e.Type)).ToList();
        Assert.Equal(3, swept.Count);
        Assert.Contains((moved, AppointmentEventType.AppointmentRescheduled), swept);
        Assert.Contains((cancelled, AppointmentEventType.AppointmentCancelled), swept);
        Assert.Contains((erased, AppointmentEventType.AppointmentCancelled), swept);
    }
}
