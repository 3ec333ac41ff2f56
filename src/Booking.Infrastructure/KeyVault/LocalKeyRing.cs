using System.Security.Cryptography;
using Booking.Application.Common;
using Booking.Application.Privacy;
using NodaTime;

namespace Booking.Infrastructure.KeyVault;

/// <summary>
/// The local stand-in for Key Vault: a key ring file under the data directory (owner-only permissions), made on first
/// run with a KEK for the current month's epoch. It refuses to make a new one over existing data: a lost key ring must be
/// restored, never silently replaced (that would make every sealed field unreadable). One KEK per epoch, its version the
/// epoch's name; entries written before epochs existed (<c>v1</c>, …) count as the oldest epoch, so the re-wrap timer
/// moves their data keys and then retires them. Every change is a locked read-modify-write and an atomic replace of the
/// file (write a temporary, then rename), and a host sharing the file (<c>KeyRing:Directory</c>) re-reads it when it changed.
/// </summary>
public sealed class LocalKeyRing : IKeyRing, IKekEpochs
{
    private readonly KeyRingFileStore? _disk;
    private KeyRingFile _file;

    /// <summary>A key ring kept in memory only, for a store that is itself in memory only.</summary>
    public LocalKeyRing(TimeProvider? time = null)
    {
        _file = KeyRingFile.New(FirstEpoch(time));
    }

    public LocalKeyRing(string dataDirectory, bool dataExists, TimeProvider? time = null)
    {
        _disk = new KeyRingFileStore(Path.Combine(dataDirectory, "keyring.json"));
        if (_disk.Exists)
        {
            _file = _disk.Read();
        }
        else if (dataExists)
        {
            throw new InvalidOperationException(
                $"The key ring {_disk.Path} is missing but the data directory holds data sealed under it. Restore the key ring; a new one would make that data unreadable.");
        }
        else
        {
            Directory.CreateDirectory(dataDirectory);
            _file = _disk.CreateOrRead(KeyRingFile.New(FirstEpoch(time)));
        }
    }

    public Task<KeyEncryptionKey> NewestAsync(CancellationToken cancellationToken) =>
        Task.FromResult(ToKek(Current().Newest()));

    public Task<KeyEncryptionKey?> FindAsync(string version, CancellationToken cancellationToken)
    {
        var found = Current().Keks.FirstOrDefault(k => k.Version == version);
        return Task.FromResult(found is null ? null : ToKek(found));
    }

    public Task<byte[]> BlindIndexKeyAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Convert.FromBase64String(Current().BlindIndexKey));

    public Task<bool> EnsureEpochAsync(KekEpoch current, CancellationToken cancellationToken)
    {
        var created = false;
        Change(file =>
        {
            if (file.Keks.Any(k => k.EpochOrOldest() >= current))
            {
                return file;
            }

            created = true;
            return file with { Keks = [.. file.Keks, KeyRingFile.Kek.New(current)] };
        });
        return Task.FromResult(created);
    }

    public Task<IReadOnlyList<KekEpochState>> ListAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<KekEpochState> states = [.. Current().Keks
            .GroupBy(k => k.EpochOrOldest())
            .OrderBy(g => g.Key)
            .Select(g => new KekEpochState(g.Key, [.. g.Select(k => k.Version)], g.All(k => k.UnusedSince is not null) ? Instant.FromDateTimeOffset(g.Max(k => k.UnusedSince)!.Value) : null))];
        return Task.FromResult(states);
    }

    public Task MarkUnusedSinceAsync(KekEpoch epoch, Instant? since, CancellationToken cancellationToken)
    {
        Change(file => file with { Keks = [.. file.Keks.Select(k => k.EpochOrOldest() == epoch ? k with { UnusedSince = since?.ToDateTimeOffset() } : k)] });
        return Task.CompletedTask;
    }

    public Task<KekRetirement> RetireAsync(KekEpoch epoch, CancellationToken cancellationToken)
    {
        Change(file =>
        {
            var kept = file.Keks.Where(k => k.EpochOrOldest() != epoch).ToList();
            return kept.Count > 0 ? file with { Keks = kept } : throw new InvalidOperationException("Refusing to retire the key ring's last KEK.");
        });
        return Task.FromResult(KekRetirement.Destroyed);
    }

    private KeyRingFile Current()
    {
        if (_disk?.ReadIfChanged() is { } changed)
        {
            _file = changed;
        }

        return _file;
    }

    private void Change(Func<KeyRingFile, KeyRingFile> change) =>
        _file = _disk is null ? change(_file) : _disk.Change(change);

    private static KekEpoch FirstEpoch(TimeProvider? time) =>
        KekEpoch.Containing((time ?? TimeProvider.System).GetCurrentInstant(), months: 1);

    private static KeyEncryptionKey ToKek(KeyRingFile.Kek kek) => new(kek.Version, Convert.FromBase64String(kek.Key));
}
