using Booking.Application.Booking;
using Booking.Application.Common;
using Booking.Application.Privacy;
using Booking.Domain.Appointments;

namespace Booking.Application.Tests;

/// <summary>
/// Two requests interleaved at the worst moment: a rival writes between one request's read and its
/// conditional write (<see cref="FlakyStore{T}.BeforeNextWrite"/>), as another instance would.
/// </summary>
public sealed class InterleavedRequestsTests : IDisposable
{
    private readonly BookingWorld _world = new(new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.Zero));

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task OnlyOneOfTwoPatientsGetsASlotTheyBookAtTheSameMoment()
    {
        var practitioner = await _world.PractitionerAsync(BookingWorld.EveryDay("08:00", "12:00"));
        var slot = (await _world.SlotsAsync(practitioner))[0].Placement.SlotId;
        Outcome<BookingReceipt>? rival = null;
        _world.Days.BeforeNextWrite = async () => rival = await _world.BookAsync(BookingWorld.Patient("rival"), slot, "r");

        var mine = await _world.BookAsync(BookingWorld.Patient(), slot);

        Assert.True(rival!.Succeeded);
        Assert.Equal("slot-taken", mine.Failure?.Code);
        Assert.Empty((await _world.Get<ListMyAppointments>().HandleAsync(BookingWorld.Patient(), Paging.PageRequest.First, default)).Value!.Items);
        Assert.Single(_world.Bus.Sent);
    }

    [Fact]
    public async Task ABookingGoesThroughWhenAnotherSlotOfTheSameDayIsTakenUnderIt()
    {
        var practitioner = await _world.PractitionerAsync(BookingWorld.EveryDay("08:00", "12:00"));
        var slots = await _world.SlotsAsync(practitioner, "2026-12-02", "2026-12-02");
        Outcome<BookingReceipt>? rival = null;
        _world.Days.BeforeNextWrite = async () => rival = await _world.BookAsync(BookingWorld.Patient("rival"), slots[1].Placement.SlotId, "r");

        var mine = await _world.BookAsync(BookingWorld.Patient(), slots[0].Placement.SlotId);

        Assert.True(rival!.Succeeded);
        Assert.True(mine.Succeeded);
        var free = (await _world.SlotsAsync(practitioner, "2026-12-02", "2026-12-02")).Select(s => s.Placement.SlotId).ToList();
        Assert.DoesNotContain(slots[0].Placement.SlotId, free);
        Assert.DoesNotContain(slots[1].Placement.SlotId, free);
        Assert.Contains(slots[2].Placement.SlotId, free);
    }

    [Fact]
    public async Task AMoveThatACancellationOvertakesAnswersNotConfirmedAndLeavesBothSlotsFree()
    {
        var practitioner = await _world.PractitionerAsync(BookingWorld.EveryDay("08:00", "12:00"));
        var slots = await _world.SlotsAsync(practitioner, "2026-12-02", "2026-12-02");
        var patient = BookingWorld.Patient();
        var id = (await _world.BookAsync(patient, slots[0].Placement.SlotId)).Value!.AppointmentId!;
        _world.Days.BeforeNextWrite = () => _world.Get<CancelAppointment>().HandleAsync(patient, id, default);

        var moved = await _world.Get<RescheduleAppointment>().HandleAsync(patient, id, slots[1].Placement.SlotId, default);

        Assert.Equal(RescheduleAppointment.NotConfirmed, moved.Failure);
        var free = (await _world.SlotsAsync(practitioner, "2026-12-02", "2026-12-02")).Select(s => s.Placement.SlotId).ToList();
        Assert.Contains(slots[0].Placement.SlotId, free);
        Assert.Contains(slots[1].Placement.SlotId, free);
        var view = await _world.Get<GetAppointment>().HandleAsync(patient, id, default);
        Assert.Equal((AppointmentStatus.Cancelled, slots[0].Placement.LocalStart), (view.Value!.Status, view.Value.Start));
    }

    [Fact]
    public async Task ABookingThatDiedAfterFilingItsLinkHidesNothingAndBlocksNoErasure()
    {
        var practitioner = await _world.PractitionerAsync(BookingWorld.EveryDay("08:00", "12:00"));
        var slots = await _world.SlotsAsync(practitioner);
        var patient = BookingWorld.Patient();
        var kept = (await _world.BookAsync(patient, slots[1].Placement.SlotId, "k0")).Value!.AppointmentId;
        _world.Appointments.FailNextCreates = 1; // the link is filed, the appointment never written

        await Assert.ThrowsAsync<CrashException>(() => _world.BookAsync(patient, slots[0].Placement.SlotId));

        var listed = await _world.Get<ListMyAppointments>().HandleAsync(patient, Paging.PageRequest.First, default);
        var exported = await _world.Get<ExportMyData>().HandleAsync(patient, default);
        Assert.Equal([kept], listed.Value!.Items.Select(v => v.AppointmentId));
        Assert.Equal([kept], exported.Value!.Appointments.Select(v => v.AppointmentId));
        Assert.True((await _world.Get<EraseMe>().HandleAsync(patient, default)).Succeeded);
        Assert.Contains(await _world.Get<IAccessLog>().AboutPatientAsync(patient.Subject, default), e => e.Purpose == AccessPurpose.PatientErasure);
    }
}
