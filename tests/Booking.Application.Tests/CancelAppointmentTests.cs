using Booking.Application.Booking;
using Booking.Application.Common;
using Booking.Domain.Appointments;
using Booking.Domain.Common;
using Booking.Domain.Practitioners;

namespace Booking.Application.Tests;

public sealed class CancelAppointmentTests : IDisposable
{
    private readonly BookingWorld _world = new(new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.Zero));

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task CancelsAndFreesTheSlotGivenItsPatient()
    {
        var (practitioner, slot, id) = await BookedAsync();

        var cancelled = await Cancel(BookingWorld.Patient(), id);

        Assert.Equal(new CancellationReceipt(id, AppointmentStatus.Cancelled), cancelled.Value);
        Assert.Contains(await _world.SlotsAsync(practitioner), s => s.Placement.SlotId == slot);
        Assert.True((await _world.BookAsync(BookingWorld.Patient("p2"), slot, "other")).Succeeded);
    }

    [Fact]
    public async Task CancelsAndFreesTheSlotGivenItsPractitioner()
    {
        var (practitioner, slot, id) = await BookedAsync();

        var cancelled = await Cancel(new Caller("dr", Role.Practitioner, practitioner.Id), id);

        Assert.Equal(AppointmentStatus.Cancelled, cancelled.Value?.Status);
        Assert.Contains(await _world.SlotsAsync(practitioner), s => s.Placement.SlotId == slot);
    }

    [Fact]
    public async Task RefusesAnOperatorAndKeepsTheAppointment()
    {
        var (practitioner, slot, id) = await BookedAsync();

        var refused = await Cancel(BookingWorld.Operator, id);

        Assert.Equal(FailureKind.Forbidden, refused.Failure?.Kind);
        Assert.DoesNotContain(await _world.SlotsAsync(practitioner), s => s.Placement.SlotId == slot);
    }

    [Fact]
    public async Task AnswersNotFoundAndKeepsTheAppointmentGivenAnotherPatientOrPractitioner()
    {
        var (practitioner, slot, id) = await BookedAsync();

        var byPatient = await Cancel(BookingWorld.Patient("intruder"), id);
        var byPractitioner = await Cancel(new Caller("dr-other", Role.Practitioner, OpaqueId.New()), id);

        Assert.Equal(FailureKind.NotFound, byPatient.Failure?.Kind);
        Assert.Equal(FailureKind.NotFound, byPractitioner.Failure?.Kind);
        Assert.DoesNotContain(await _world.SlotsAsync(practitioner), s => s.Placement.SlotId == slot);
        Assert.Equal(AppointmentStatus.Confirmed, (await _world.Get<GetAppointment>().HandleAsync(BookingWorld.Patient(), id, default)).Value?.Status);
    }

    [Fact]
    public async Task AnswersTheSameAndRaisesOneCancellationGivenCancelTwice()
    {
        var (_, _, id) = await BookedAsync();

        var first = await Cancel(BookingWorld.Patient(), id);
        var second = await Cancel(BookingWorld.Patient(), id);

        Assert.Equal(first.Value, second.Value);
        Assert.Single(_world.Bus.Sent, s => s.Message.Body.Contains("AppointmentCancelled", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DoesNotFreeASlotThatAnotherAppointmentTookAfterTheCancellation()
    {
        var (practitioner, slot, id) = await BookedAsync();
        await Cancel(BookingWorld.Patient(), id);
        Assert.True((await _world.BookAsync(BookingWorld.Patient("p2"), slot, "other")).Succeeded);

        await Cancel(BookingWorld.Patient(), id);

        Assert.DoesNotContain(await _world.SlotsAsync(practitioner), s => s.Placement.SlotId == slot);
    }

    private Task<Outcome<CancellationReceipt>> Cancel(Caller caller, string id) => _world.Get<CancelAppointment>().HandleAsync(caller, id, default);

    private async Task<(Practitioner Practitioner, string SlotId, string AppointmentId)> BookedAsync()
    {
        var practitioner = await _world.PractitionerAsync(BookingWorld.EveryDay("08:00", "12:00"));
        var slot = (await _world.SlotsAsync(practitioner))[0].Placement.SlotId;
        var booked = await _world.BookAsync(BookingWorld.Patient(), slot);
        return (practitioner, slot, booked.Value!.AppointmentId!);
    }
}
