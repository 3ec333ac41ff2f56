using System.Security.Cryptography;
using Booking.Application.Booking;
using Booking.Application.Common;
using Booking.Application.Privacy;
using Booking.Application.Storage;
using Booking.Domain.Appointments;
using NodaTime;

namespace Booking.Application.Tests;

/// <summary>
/// Erasure reaches backups within the bound of docs/security.md: a copy of the store taken before a patient's erasure
/// still opens until the KEK epoch that wrapped its data keys is retired, and opens nowhere after — while the patients
/// who stayed keep their data, re-wrapped under the current epoch.
/// </summary>
public sealed class ErasureBackupBoundTests : IDisposable
{
    private const int BackupRetentionHours = 7 * 24;
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 7, 0, 0, TimeSpan.Zero);
    private readonly BookingWorld _world = new(Start, new Dictionary<string, string?>
    {
        ["Privacy:KekEpochMonths"] = "1",
        ["Privacy:BackupRetentionHours"] = BackupRetentionHours.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task ABackupTakenBeforeAnErasureOpensUntilItsEpochIsRetiredAndNowhereAfterWithinTheBound()
    {
        var alice = await BookAsync("patient-a", 0, "Ermengarde");
        var bob = await BookAsync("patient-b", 1, "Bertrand");
        var backup = await CopyTheStoreAsync([alice, bob]);
        await _world.Get<EraseMe>().HandleAsync(BookingWorld.Patient("patient-a"), default);
        var erasedAt = _world.Clock.GetUtcNow();

        // The re-wrap timer, daily: the epoch rolls over on 1 January, its data keys move, and the old epoch waits out the backup retention.
        var retiredAfter = TimeSpan.Zero;
        while (retiredAfter == TimeSpan.Zero)
        {
            Assert.True(await BackupOpensAsync(backup), $"the backup stopped opening before its epoch was retired ({_world.Clock.GetUtcNow():u})");
            using (var before = await RestoreAsync(backup))
            {
                Assert.Equal("Ermengarde", (await before.OpenAsync(alice)).Patient!.FirstName);
            }

            _world.Clock.Advance(TimeSpan.FromDays(1));
            var run = await _world.Get<RewrapDataKeys>().RunAsync(default);
            retiredAfter = run.Retired > 0 ? _world.Clock.GetUtcNow() - erasedAt : TimeSpan.Zero;
            Assert.True(_world.Clock.GetUtcNow() < erasedAt.AddDays(60), "no epoch was retired");
        }

        // Bound: epoch length (at most 31 days) + re-wrap interval (the run that moves the keys) + backup retention + one more
        // interval (the run that retires). Here: erased 1 Dec 07:00, unused from 1 Jan 07:00, retired 8 Jan 07:00.
        Assert.Equal(TimeSpan.FromDays(38), retiredAfter);
        Assert.True(retiredAfter <= TimeSpan.FromDays(31 + 1 + 7 + 1));
        Assert.False(await BackupOpensAsync(backup));
        using var restored = await RestoreAsync(backup);
        await Assert.ThrowsAnyAsync<CryptographicException>(() => restored.OpenAsync(alice));
        await Assert.ThrowsAnyAsync<CryptographicException>(() => restored.OpenAsync(bob));
        var liveBob = (await _world.Get<IDocumentStore<Appointment>>().ReadAsync(AppointmentKeys.Appointment(bob.Id), default))!.Value;
        Assert.Equal("Bertrand", (await _world.Get<PersonalDataDoor>().OpenAsync(BookingWorld.Operator, "test", liveBob, default)).Patient!.FirstName);
        Assert.Equal(["2027-01"], (await _world.KeyRing.ListAsync(default)).Select(e => e.Epoch.Name));
    }

    [Fact]
    public async Task AnEpochUsedAgainBeforeItsRetirementWaitsTheFullRetentionFromThen()
    {
        await BookAsync("patient-a", 0, "Ermengarde");
        _world.Clock.Advance(TimeSpan.FromDays(31)); // 1 January: a new epoch, the old one unused from this run
        var marked = await _world.Get<RewrapDataKeys>().RunAsync(default);
        Assert.Equal((1, 1, true), (marked.Moved, marked.MarkedUnused, marked.Created));

        // A data key written under the old epoch after that run (an instance that had not yet seen the new one).
        var december = (await _world.KeyRing.FindAsync((await _world.KeyRing.ListAsync(default))[0].KekVersions[0], default))!;
        var late = _world.Get<IFieldCipher>().Wrap(december.Key, RandomNumberGenerator.GetBytes(32), "booking-dek|v2|patient:late");
        await _world.Get<IDocumentStore<WrappedDataKey>>().UpsertAsync(
            DataKeyKeys.For(DataKeyOwner.Patient("late")), new WrappedDataKey(DataKeyOwner.Patient("late").Name, december.Version, Convert.ToBase64String(late), _world.Clock.GetCurrentInstant()), null, default);
        _world.Clock.Advance(TimeSpan.FromHours(BackupRetentionHours));

        var moved = await _world.Get<RewrapDataKeys>().RunAsync(default);
        Assert.Equal((1, 1, 0), (moved.Moved, moved.MarkedUnused, moved.Retired)); // the wait starts again from this run
        Assert.Equal(_world.Clock.GetCurrentInstant(), (await _world.KeyRing.ListAsync(default))[0].UnusedSince);

        _world.Clock.Advance(TimeSpan.FromHours(BackupRetentionHours));
        Assert.Equal(1, (await _world.Get<RewrapDataKeys>().RunAsync(default)).Retired);
    }

    private async Task<Appointment> BookAsync(string patient, int slot, string firstName)
    {
        var practitioner = await _world.PractitionerAsync(BookingWorld.EveryDay("08:00", "12:00"));
        var slots = await _world.SlotsAsync(practitioner);
        var receipt = await _world.BookAsync(BookingWorld.Patient(patient), slots[slot].Placement.SlotId, "k-" + firstName, firstName);
        return (await _world.Get<IDocumentStore<Appointment>>().ReadAsync(AppointmentKeys.Appointment(receipt.Value!.AppointmentId!), default))!.Value;
    }

    /// <summary>What a periodic backup of the store holds of these patients: every wrapped data key, and their sealed appointments.</summary>
    private async Task<Backup> CopyTheStoreAsync(IReadOnlyList<Appointment> appointments)
    {
        var keys = new List<Versioned<WrappedDataKey>>();
        for (var shard = 0; shard < DataKeyKeys.Shards; shard++)
        {
            keys.AddRange(await _world.Get<IDocumentStore<WrappedDataKey>>().ReadPartitionAsync(DataKeyKeys.Shard(shard), default));
        }

        Assert.Equal(2, keys.Count);
        return new Backup(keys, appointments);
    }

    /// <summary>Whether any wrapped data key in the backup unwraps under any KEK the key ring still holds, whichever version it names.</summary>
    private async Task<bool> BackupOpensAsync(Backup backup)
    {
        var cipher = _world.Get<IFieldCipher>();
        var keks = new List<KeyEncryptionKey>();
        foreach (var version in (await _world.KeyRing.ListAsync(default)).SelectMany(e => e.KekVersions))
        {
            keks.Add((await _world.KeyRing.FindAsync(version, default))!);
        }

        var opened = 0;
        foreach (var wrapped in backup.DataKeys)
        {
            foreach (var kek in keks)
            {
                try
                {
                    // The associated data DataKeys binds each wrapped key to: an attacker with the backup knows it too.
                    cipher.Unwrap(kek.Key, Convert.FromBase64String(wrapped.Value.Wrapped), $"booking-dek|v2|{wrapped.Value.Owner}");
                    opened++;
                }
                catch (CryptographicException)
                {
                }
            }
        }

        return opened > 0;
    }

    /// <summary>The backup restored into a new store, opened by the app's own services with the key ring as it is now.</summary>
    private async Task<Restored> RestoreAsync(Backup backup)
    {
        var restored = new BookingWorld(_world.Clock.GetUtcNow(), keyRing: _world.KeyRing);
        foreach (var key in backup.DataKeys)
        {
            await restored.Get<IDocumentStore<WrappedDataKey>>().UpsertAsync(key.Key, key.Value, null, default);
        }

        return new Restored(restored);
    }

    private sealed record Backup(IReadOnlyList<Versioned<WrappedDataKey>> DataKeys, IReadOnlyList<Appointment> Appointments);

    private sealed class Restored(BookingWorld world) : IDisposable
    {
        public async Task<AppointmentView> OpenAsync(Appointment sealedCopy) =>
            await world.Get<PersonalDataDoor>().OpenAsync(BookingWorld.Operator, "test", sealedCopy, default);

        public void Dispose() => world.Dispose();
    }
}
