using Booking.Application.Booking;
using Booking.Application.Common;
using Booking.Application.Privacy;
using Booking.Application.Search;
using Booking.Application.Storage;
using Booking.Domain.Appointments;
using Booking.Domain.Practitioners;

namespace Booking.Application.Tests;

/// <summary>What a patient sees of their own data: their appointments, their export, their erasure.</summary>
public sealed class PatientDataTests : IDisposable
{
    private static readonly Caller Me = BookingWorld.Patient("me");

    private readonly BookingWorld _world = new(new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.Zero));

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task ListsOnlyMyAppointmentsSoonestFirstCancelledOnesIncluded()
    {
        var (_, slots) = await PractitionerAsync();
        var later = await BookAsync(Me, slots[5], "k1", "Later");
        var sooner = await BookAsync(Me, slots[2], "k2", "Sooner");
        var cancelled = await BookAsync(Me, slots[4], "k3", "Cancelled");
        await _world.Get<CancelAppointment>().HandleAsync(Me, cancelled, default);
        await BookAsync(BookingWorld.Patient("someone-else"), slots[3], "k1", "Else");

        var mine = (await _world.Get<ListMyAppointments>().HandleAsync(Me, Paging.PageRequest.First, default)).Value!.Items;

        Assert.Equal([sooner, cancelled, later], mine.Select(v => v.AppointmentId));
        Assert.Equal([AppointmentStatus.Confirmed, AppointmentStatus.Cancelled, AppointmentStatus.Confirmed], mine.Select(v => v.Status));
        Assert.Equal(["Sooner", "Cancelled", "Later"], mine.Select(v => v.Patient!.FirstName));
        Assert.All(await AccessLogAsync(), e => Assert.Equal(AccessPurpose.PatientListsAppointments, e.Purpose));
    }

    [Fact]
    public async Task LeavesOutABookingThatLostTheRaceForItsSlot()
    {
        var (_, slots) = await PractitionerAsync();
        await BookAsync(BookingWorld.Patient("faster"), slots[0], "k", "Faster");

        var lost = await _world.BookAsync(Me, slots[0].Placement.SlotId, "k");
        var mine = await _world.Get<ListMyAppointments>().HandleAsync(Me, Paging.PageRequest.First, default);

        Assert.Equal("slot-taken", lost.Failure?.Code);
        Assert.Empty(mine.Value!.Items);
    }

    [Fact]
    public async Task RefusesToListOrExportOrEraseForAnyoneButAPatient()
    {
        var practitioner = new Caller("dr", Role.Practitioner, "p");

        Assert.Equal(FailureKind.Forbidden, (await _world.Get<ListMyAppointments>().HandleAsync(practitioner, Paging.PageRequest.First, default)).Failure?.Kind);
        Assert.Equal(FailureKind.Forbidden, (await _world.Get<ExportMyData>().HandleAsync(BookingWorld.Operator, default)).Failure?.Kind);
        Assert.Equal(FailureKind.Forbidden, (await _world.Get<EraseMe>().HandleAsync(BookingWorld.Operator, default)).Failure?.Kind);
        Assert.Equal(FailureKind.Forbidden, (await _world.Get<EraseMe>().HandleAsync(practitioner, default)).Failure?.Kind);
    }

    [Fact]
    public async Task ExportsEveryAppointmentInOrderWithTheLatestDetailsAndTheLogOfItsOwnReads()
    {
        var (_, slots) = await PractitionerAsync();
        var later = await BookAsync(Me, slots[5], "k1", "Newer", reason: "Insomnia");
        var sooner = await BookAsync(Me, slots[1], "k2", "Older");
        await BookAsync(BookingWorld.Patient("someone-else"), slots[3], "k1", "Else");

        var export = (await _world.Get<ExportMyData>().HandleAsync(Me, default)).Value!;

        Assert.Equal("me", export.PatientId);
        Assert.Equal([sooner, later], export.Appointments.Select(a => a.AppointmentId));
        Assert.Equal("Newer", export.Profile?.FirstName);
        Assert.Equal([null, "Insomnia"], export.Appointments.Select(a => a.Reason));
        Assert.Equal(2, export.AccessLog.Count(e => e.Purpose == AccessPurpose.PatientExport));
        Assert.All(export.AccessLog, e => Assert.Equal("me", e.PatientId));
    }

    [Fact]
    public async Task AFilingThatReadTheAppointmentBeforeAnErasureLeavesNoLinkToThePatientBehindIt()
    {
        var (_, slots) = await PractitionerAsync();
        var id = await BookAsync(Me, slots[0], "k1", "Ermengarde");
        await _world.WhenFiledAsync();
        var readBeforeTheErasure = (await _world.Get<IDocumentStore<Appointment>>().ReadAsync(AppointmentKeys.Appointment(id), default))!.Value;

        Assert.True((await _world.Get<EraseMe>().HandleAsync(Me, default)).Succeeded);
        await _world.Get<AppointmentFiling>().FileAsync(readBeforeTheErasure, default); // a hand-off or a sweep running late

        Assert.Empty(await _world.Get<IDocumentStore<PatientAppointmentLink>>().ReadPartitionAsync(AppointmentKeys.PatientPartition("me"), default));
    }

    [Fact]
    public async Task ErasureCancelsFutureAppointmentsFreesTheirSlotsAndLeavesNothingToRead()
    {
        var (practitioner, slots) = await PractitionerAsync();
        var id = await BookAsync(Me, slots[0], "k1", "Ermengarde", reason: "Private");

        var erased = await _world.Get<EraseMe>().HandleAsync(Me, default);

        Assert.True(erased.Succeeded);
        Assert.Contains(await _world.SlotsAsync(practitioner), s => s.Placement.SlotId == slots[0].Placement.SlotId);
        var export = (await _world.Get<ExportMyData>().HandleAsync(Me, default)).Value!;
        Assert.Null(export.Profile);
        Assert.Empty(export.Appointments);
        Assert.Empty(export.Notifications);
        Assert.Contains(export.AccessLog, e => e.Purpose == AccessPurpose.PatientErasure && e.Principal == "patient:me" && e.Fields.Count == 0);
        var stored = (await _world.Get<IDocumentStore<Appointment>>().ReadAsync(AppointmentKeys.Appointment(id), default))!.Value;
        Assert.Equal((AppointmentStatus.Cancelled, Appointment.ErasedPatientId, (string?)null), (stored.Status, stored.PatientId, stored.SealedReason));
        Assert.Null(stored.Patient);
        Assert.Single(_world.Bus.Sent, s => s.Message.Body.Contains("AppointmentCancelled", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ErasureKeepsAPastAppointmentInTheAgendaWithNothingLinkingItToThePatient()
    {
        var (practitioner, slots) = await PractitionerAsync();
        var id = await BookAsync(Me, slots[0], "k1", "Ermengarde");
        _world.Clock.Advance(TimeSpan.FromDays(2));

        await _world.Get<EraseMe>().HandleAsync(Me, default);

        Assert.Empty((await _world.Get<ListMyAppointments>().HandleAsync(Me, Paging.PageRequest.First, default)).Value!.Items);
        var seen = (await _world.Get<GetAppointment>().HandleAsync(BookingWorld.Operator, id, default)).Value!;
        Assert.Equal((id, AppointmentStatus.Confirmed, practitioner.Id), (seen.AppointmentId, seen.Status, seen.PractitionerId));
        Assert.Null(seen.Patient);
        Assert.Equal(Appointment.ErasedPatientId, (await _world.Get<IDocumentStore<Appointment>>().ReadAsync(AppointmentKeys.Appointment(id), default))!.Value.PatientId);
        Assert.Empty(await _world.Get<IDocumentStore<PatientAppointmentLink>>().ReadPartitionAsync(AppointmentKeys.PatientPartition(Me.Subject), default));
        Assert.DoesNotContain(_world.Bus.Sent, s => s.Message.Body.Contains("AppointmentCancelled", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ErasureLeavesOtherPatientsAndTheirSlotsAlone()
    {
        var (practitioner, slots) = await PractitionerAsync();
        await BookAsync(Me, slots[0], "k1", "Mine");
        var theirs = await BookAsync(BookingWorld.Patient("other"), slots[1], "k1", "Theirs");

        await _world.Get<EraseMe>().HandleAsync(Me, default);

        var view = await _world.Get<GetAppointment>().HandleAsync(BookingWorld.Patient("other"), theirs, default);
        Assert.Equal(("Theirs", AppointmentStatus.Confirmed), (view.Value!.Patient!.FirstName, view.Value.Status));
        Assert.DoesNotContain(await _world.SlotsAsync(practitioner), s => s.Placement.SlotId == slots[1].Placement.SlotId);
    }

    [Fact]
    public async Task AfterErasureTheSameKeyBooksAfreshWithNewDetails()
    {
        var (_, slots) = await PractitionerAsync();
        await BookAsync(Me, slots[0], "k1", "Before");
        await _world.Get<EraseMe>().HandleAsync(Me, default);

        var again = await _world.BookAsync(Me, slots[2].Placement.SlotId, "k1", "After");

        Assert.True(again.Succeeded);
        var view = await _world.Get<GetAppointment>().HandleAsync(Me, again.Value.AppointmentId!, default);
        Assert.Equal("After", view.Value!.Patient!.FirstName);
    }

    private Task<IReadOnlyList<AccessLogEntry>> AccessLogAsync() => _world.Get<IAccessLog>().AboutPatientAsync("me", default);

    private async Task<(Practitioner Practitioner, IReadOnlyList<FreeSlot> Slots)> PractitionerAsync()
    {
        var practitioner = await _world.PractitionerAsync(BookingWorld.EveryDay("08:00", "12:00"));
        return (practitioner, await _world.SlotsAsync(practitioner));
    }

    private async Task<string> BookAsync(Caller patient, FreeSlot slot, string key, string firstName, string? reason = null)
    {
        var booked = await _world.Get<BookAppointment>().HandleAsync(patient, key, new BookAppointmentCommand(
            slot.Placement.SlotId, new PatientInput(firstName, "Martin", "zoe@example.org", "+33612345678", "1990-01-01"), reason, new ConsentInput(true, true)), default);
        Assert.True(booked.Succeeded, booked.Failure?.Detail);
        await _world.WhenFiledAsync();
        return booked.Value.AppointmentId!;
    }
}
