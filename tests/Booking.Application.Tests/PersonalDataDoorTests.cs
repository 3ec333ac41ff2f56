using System.Security.Cryptography;
using Booking.Application.Booking;
using Booking.Application.Common;
using Booking.Application.Privacy;
using Booking.Application.Storage;
using Booking.Domain.Appointments;

namespace Booking.Application.Tests;

public sealed class PersonalDataDoorTests : IDisposable
{
    private readonly BookingWorld _world = new(new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.Zero));

    public void Dispose() => _world.Dispose();

    private async Task<Appointment> BookAsync(string patient, int slot, string firstName)
    {
        var practitioner = await _world.PractitionerAsync(BookingWorld.EveryDay("08:00", "12:00"));
        var slots = await _world.SlotsAsync(practitioner);
        var receipt = await _world.BookAsync(BookingWorld.Patient(patient), slots[slot].Placement.SlotId, "k-" + firstName, firstName);
        return (await _world.Get<IDocumentStore<Appointment>>().ReadAsync(AppointmentKeys.Appointment(receipt.Value!.AppointmentId!), default))!.Value;
    }

    [Fact]
    public async Task StoresHoldOnlySealedFieldsThatOpenForAnActorAndAreLogged()
    {
        var stored = await BookAsync("p1", 0, "Ermengarde");

        Assert.StartsWith("bk1.", stored.Patient!.FirstName, StringComparison.Ordinal);
        var view = await _world.Get<PersonalDataDoor>().OpenAsync(BookingWorld.Operator, AccessPurpose.OperatorViewsAppointment, stored, default);

        Assert.Equal("Ermengarde", view.Patient!.FirstName);
        var entry = Assert.Single(await _world.Get<IAccessLog>().AboutPatientAsync("p1", default));
        Assert.Equal("operator:ops", entry.Principal);
        Assert.Equal(stored.Id, entry.AppointmentId);
        Assert.Contains(Domain.Patients.PersonalField.Phone, entry.Fields);
    }

    [Fact]
    public async Task ACiphertextMovedToAnotherAppointmentFailsToOpenInsteadOfShowingWrongData()
    {
        var mine = await BookAsync("p1", 0, "Ermengarde");
        var other = await BookAsync("p1", 1, "Bertrand");

        var forged = other with { Patient = other.Patient! with { FirstName = mine.Patient!.FirstName } };

        await Assert.ThrowsAnyAsync<CryptographicException>(() =>
            _world.Get<PersonalDataDoor>().OpenAsync(BookingWorld.Operator, AccessPurpose.OperatorViewsAppointment, forged, default));
    }

    [Fact]
    public async Task ALaterEpochKeepsOldDataReadableAndRewrapMovesEveryKeyToTheNewestKek()
    {
        var before = await BookAsync("p1", 0, "Ermengarde");
        await _world.KeyRing.EnsureEpochAsync(KekEpoch.Containing(_world.Clock.GetCurrentInstant().Plus(NodaTime.Duration.FromDays(31)), 1), default);
        var newest = await _world.KeyRing.NewestAsync(default);
        var after = await BookAsync("p2", 1, "Bertrand");
        var door = _world.Get<PersonalDataDoor>();

        Assert.Equal("Ermengarde", (await door.OpenAsync(BookingWorld.Operator, "test", before, default)).Patient!.FirstName);
        var run = await _world.Get<RewrapDataKeys>().RunAsync(default);

        Assert.Equal(1, run.Moved);
        var keys = _world.Get<IDocumentStore<WrappedDataKey>>();
        Assert.Equal(newest.Version, (await keys.ReadAsync(DataKeyKeys.For(DataKeyOwner.Patient("p1")), default))!.Value.KekVersion);
        Assert.Equal(newest.Version, (await keys.ReadAsync(DataKeyKeys.For(DataKeyOwner.Patient("p2")), default))!.Value.KekVersion);
        Assert.Equal("Ermengarde", (await door.OpenAsync(BookingWorld.Operator, "test", before, default)).Patient!.FirstName);
        Assert.Equal("Bertrand", (await door.OpenAsync(BookingWorld.Operator, "test", after, default)).Patient!.FirstName);
    }

    [Fact]
    public async Task ErasureLeavesNothingToOpenEvenInAnOldCopyOfTheRecord()
    {
        var copyTakenBefore = await BookAsync("p1", 0, "Ermengarde");

        await _world.Get<EraseMe>().HandleAsync(BookingWorld.Patient("p1"), default);
        await _world.Get<EraseMe>().HandleAsync(BookingWorld.Patient("p1"), default);

        var view = await _world.Get<PersonalDataDoor>().OpenAsync(BookingWorld.Operator, "test", copyTakenBefore, default);
        Assert.Null(view.Patient);
        Assert.Null(view.Reason);
        var current = (await _world.Get<IDocumentStore<Appointment>>().ReadAsync(AppointmentKeys.Appointment(copyTakenBefore.Id), default))!.Value;
        Assert.Null(current.Patient);
        Assert.Equal(AppointmentStatus.Cancelled, current.Status);
        Assert.Empty(await _world.Get<IDocumentStore<Idempotency.IdempotencyRecord>>().ReadPartitionAsync(BookAppointment.IdempotencyScope("p1"), default));
    }

    [Fact]
    public async Task IdempotencyRecordsHoldNoPersonalDataAndAKeyedFingerprint()
    {
        var booked = await BookAsync("p1", 0, "Ermengarde");

        var record = Assert.Single(await _world.Get<IDocumentStore<Idempotency.IdempotencyRecord>>().ReadPartitionAsync(BookAppointment.IdempotencyScope("p1"), default));
        var json = System.Text.Json.JsonSerializer.Serialize(record.Value, JsonDefaults.Options);

        Assert.DoesNotContain("Ermengarde", json, StringComparison.Ordinal);
        Assert.DoesNotContain("zoe@example.org", json, StringComparison.Ordinal);
        Assert.Equal(64, record.Value.Fingerprint.Length);
        Assert.Equal(booked.Id, record.Value.OperationId);
    }
}
