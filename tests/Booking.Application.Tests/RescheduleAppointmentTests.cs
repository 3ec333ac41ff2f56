using Booking.Application.Booking;
using Booking.Application.Common;
using Booking.Application.Search;
using Booking.Domain.Appointments;
using Booking.Domain.Common;
using Booking.Domain.Practitioners;

namespace Booking.Application.Tests;

public sealed class RescheduleAppointmentTests : IDisposable
{
    private readonly BookingWorld _world = new(new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.Zero));

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task MovesToTheNewSlotAndFreesTheOldOneGivenItsPatient()
    {
        var (practitioner, slots, id) = await BookedAsync();

        var moved = await Move(BookingWorld.Patient(), id, slots[3]);

        Assert.Equal(slots[3].Placement, moved.Value?.Placement);
        Assert.Null(moved.Value?.ReleasePending);
        Assert.Contains(_world.Bus.Sent, s => s.Message.Body.Contains("AppointmentRescheduled", StringComparison.Ordinal));
        var free = await FreeIdsAsync(practitioner);
        Assert.Contains(slots[0].Placement.SlotId, free);
        Assert.DoesNotContain(slots[3].Placement.SlotId, free);
    }

    [Fact]
    public async Task MovesTheAppointmentGivenItsPractitioner()
    {
        var (practitioner, slots, id) = await BookedAsync();

        var moved = await Move(new Caller("dr", Role.Practitioner, practitioner.Id), id, slots[1]);

        Assert.Equal(slots[1].Placement.SlotId, moved.Value?.Placement.SlotId);
    }

    [Fact]
    public async Task RefusesAnOperator()
    {
        var (_, slots, id) = await BookedAsync();

        Assert.Equal(FailureKind.Forbidden, (await Move(BookingWorld.Operator, id, slots[1])).Failure?.Kind);
    }

    [Fact]
    public async Task AnswersNotFoundAndMovesNothingGivenAnotherPatient()
    {
        var (practitioner, slots, id) = await BookedAsync();

        var refused = await Move(BookingWorld.Patient("intruder"), id, slots[1]);

        Assert.Equal(FailureKind.NotFound, refused.Failure?.Kind);
        Assert.Contains(slots[1].Placement.SlotId, await FreeIdsAsync(practitioner));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-slot-id")]
    public async Task AnswersAValidationErrorOnSlotIdGivenNoSlotId(string? slotId)
    {
        var (_, _, id) = await BookedAsync();

        var refused = await _world.Get<RescheduleAppointment>().HandleAsync(BookingWorld.Patient(), id, slotId, default);

        Assert.Equal(FailureKind.Validation, refused.Failure?.Kind);
        Assert.Equal("slotId", Assert.Single(refused.Failure!.Errors!).Field);
    }

    [Fact]
    public async Task RefusesToMoveACancelledAppointmentAndLeavesTheSlotFree()
    {
        var (practitioner, slots, id) = await BookedAsync();
        await _world.Get<CancelAppointment>().HandleAsync(BookingWorld.Patient(), id, default);

        var refused = await Move(BookingWorld.Patient(), id, slots[1]);

        Assert.Equal("not-confirmed", refused.Failure?.Code);
        Assert.Contains(slots[1].Placement.SlotId, await FreeIdsAsync(practitioner));
    }

    [Fact]
    public async Task ChangesNothingAndRaisesNoEventGivenTheSlotItAlreadyHas()
    {
        var (practitioner, slots, id) = await BookedAsync();
        var sentBefore = _world.Bus.Sent.Count;

        var same = await Move(BookingWorld.Patient(), id, slots[0]);

        Assert.Equal(slots[0].Placement, same.Value?.Placement);
        Assert.Equal(sentBefore, _world.Bus.Sent.Count);
        Assert.DoesNotContain(slots[0].Placement.SlotId, await FreeIdsAsync(practitioner));
    }

    [Fact]
    public async Task AnswersSlotTakenAndKeepsTheOldSlotGivenASlotAnotherPatientHolds()
    {
        var (practitioner, slots, id) = await BookedAsync();
        Assert.True((await _world.BookAsync(BookingWorld.Patient("p2"), slots[1].Placement.SlotId, "other")).Succeeded);

        var refused = await Move(BookingWorld.Patient(), id, slots[1]);

        Assert.Equal("slot-taken", refused.Failure?.Code);
        var mine = await _world.Get<GetAppointment>().HandleAsync(BookingWorld.Patient(), id, default);
        Assert.Equal(slots[0].Placement.LocalStart, mine.Value!.Start);
        Assert.DoesNotContain(slots[0].Placement.SlotId, await FreeIdsAsync(practitioner));
    }

    [Fact]
    public async Task AnswersSlotTakenGivenASlotOfAnotherPractitioner()
    {
        var (practitioner, slots, id) = await BookedAsync();
        var other = await _world.PractitionerAsync(BookingWorld.EveryDay("08:00", "12:00"));
        var elsewhere = (await _world.SlotsAsync(other))[0];

        var refused = await Move(BookingWorld.Patient(), id, elsewhere);

        Assert.Equal("slot-taken", refused.Failure?.Code);
        Assert.Contains(elsewhere.Placement.SlotId, await FreeIdsAsync(other));
        Assert.DoesNotContain(slots[0].Placement.SlotId, await FreeIdsAsync(practitioner));
    }

    [Fact]
    public async Task AnswersSlotTakenGivenASlotInsideTheMinimumNotice()
    {
        var (_, slots, id) = await BookedAsync();
        _world.Clock.Advance(TimeSpan.FromMinutes(31)); // 08:31 in Paris: the 09:00 and 09:30 slots are now too soon

        var refused = await Move(BookingWorld.Patient(), id, slots[1]);

        Assert.Equal("slot-taken", refused.Failure?.Code);
    }

    private Task<Outcome<Appointment>> Move(Caller caller, string id, FreeSlot to) =>
        _world.Get<RescheduleAppointment>().HandleAsync(caller, id, to.Placement.SlotId, default);

    private async Task<List<string>> FreeIdsAsync(Practitioner practitioner) =>
        [.. (await _world.SlotsAsync(practitioner)).Select(s => s.Placement.SlotId)];

    private async Task<(Practitioner Practitioner, IReadOnlyList<FreeSlot> Slots, string AppointmentId)> BookedAsync()
    {
        var practitioner = await _world.PractitionerAsync(BookingWorld.EveryDay("08:00", "12:00"));
        var slots = await _world.SlotsAsync(practitioner, "2026-12-01", "2026-12-01");
        var booked = await _world.BookAsync(BookingWorld.Patient(), slots[0].Placement.SlotId);
        return (practitioner, slots, booked.Value!.AppointmentId!);
    }
}
