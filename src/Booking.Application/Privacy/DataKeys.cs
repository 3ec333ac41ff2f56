using System.Security.Cryptography;
using Booking.Application.Common;
using Booking.Application.Storage;
using Microsoft.Extensions.Caching.Memory;

namespace Booking.Application.Privacy;

/// <summary>
/// Each patient's (and partner's) data key: made on first need, stored only wrapped by the newest KEK, unwrapped on use and
/// kept briefly in a bounded cache so a booking does not pay a Key Vault round trip. Destroying it
/// (crypto-shredding) makes every ciphertext of that patient unreadable, backups and dead letters included.
/// </summary>
public sealed class DataKeys(IDocumentStore<WrappedDataKey> store, IKeyRing keyRing, IFieldCipher cipher, TimeProvider time) : IDisposable
{
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(5);
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 10_000 });
    private long _destructions;

    /// <summary>
    /// The owner's data key, created when they have none. <paramref name="ownerIsNew"/>: the owner was made by this very
    /// request (a partner's patient on a first attempt), so the key is created without reading first; read only if one was
    /// there after all.
    /// </summary>
    public async Task<DataKey> GetOrCreateAsync(DataKeyOwner owner, CancellationToken ct, bool ownerIsNew = false)
    {
        for (var attempt = 0; attempt < ConcurrencyLimits.MaxAttempts; attempt++)
        {
            var destructions = Interlocked.Read(ref _destructions);
            if (!(ownerIsNew && attempt == 0) && await FindAsync(owner, ct) is { } existing)
            {
                return existing;
            }

            var kek = await keyRing.NewestAsync(ct);
            var dataKey = RandomNumberGenerator.GetBytes(32);
            var wrapped = new WrappedDataKey(owner.Name, kek.Version, Convert.ToBase64String(cipher.Wrap(kek.Key, dataKey, WrapContext(owner.Name))), time.GetCurrentInstant());
            if (await store.TryCreateAsync(DataKeyKeys.For(owner), wrapped, null, ct) is not null)
            {
                return Remember(owner.Name, new DataKey(dataKey, kek.Version), destructions);
            }
        }

        throw new StoreUnavailableException("A data key kept changing under concurrent creation.");
    }

    /// <summary>The owner's data key, or null when they have none (a patient who never booked, or was erased).</summary>
    public async Task<DataKey?> FindAsync(DataKeyOwner owner, CancellationToken ct)
    {
        if (_cache.TryGetValue(owner.Name, out DataKey? cached))
        {
            return cached;
        }

        var destructions = Interlocked.Read(ref _destructions);
        var stored = await store.ReadAsync(DataKeyKeys.For(owner), ct);
        if (stored is null)
        {
            return null;
        }

        var kek = await keyRing.FindAsync(stored.Value.KekVersion, ct)
            ?? throw new CryptographicException($"KEK version {stored.Value.KekVersion} is not available: a data key cannot be unwrapped.");
        var dataKey = cipher.Unwrap(kek.Key, Convert.FromBase64String(stored.Value.Wrapped), WrapContext(owner.Name));
        return Remember(owner.Name, new DataKey(dataKey, kek.Version), destructions);
    }

    /// <summary>
    /// Destroys the owner's data key, physically: when this returns no file of the store holds it any more (see
    /// <see cref="IDocumentStore{T}.PurgeHistoryAsync"/>). Idempotent.
    /// </summary>
    public async Task DestroyAsync(DataKeyOwner owner, CancellationToken ct)
    {
        Uncache(owner.Name);
        await store.DeleteAsync(DataKeyKeys.For(owner), ct);
        await store.PurgeHistoryAsync(ct);
        Uncache(owner.Name); // and whatever a read that began while it was being deleted would keep
    }

    /// <summary>
    /// Re-wraps every data key not yet under the newest KEK, and reports which KEK versions live data keys are under
    /// once it is done (what an epoch may be retired on).
    /// </summary>
    public async Task<DataKeyRewrap> RewrapAllAsync(CancellationToken ct)
    {
        var newest = await keyRing.NewestAsync(ct);
        var inUse = new HashSet<string>(StringComparer.Ordinal) { newest.Version };
        var movedFrom = new HashSet<string>(StringComparer.Ordinal);
        var moved = 0;
        for (var shard = 0; shard < DataKeyKeys.Shards; shard++)
        {
            foreach (var stored in await store.ReadPartitionAsync(DataKeyKeys.Shard(shard), ct))
            {
                if (stored.Value.KekVersion == newest.Version)
                {
                    continue;
                }

                var old = await keyRing.FindAsync(stored.Value.KekVersion, ct)
                    ?? throw new CryptographicException($"KEK version {stored.Value.KekVersion} is not available for re-wrapping.");
                var context = WrapContext(stored.Value.Owner);
                var dataKey = cipher.Unwrap(old.Key, Convert.FromBase64String(stored.Value.Wrapped), context);
                var rewrapped = stored.Value with { KekVersion = newest.Version, Wrapped = Convert.ToBase64String(cipher.Wrap(newest.Key, dataKey, context)) };
                if (await store.TryReplaceAsync(stored.Key, rewrapped, stored.ETag, null, ct) is not null)
                {
                    _cache.Remove(stored.Value.Owner);
                    movedFrom.Add(stored.Value.KekVersion);
                    moved++;
                }
                else
                {
                    inUse.Add(stored.Value.KekVersion); // changed under us (destroyed, or moved by another run): assume still there
                }
            }
        }

        return new DataKeyRewrap(moved, inUse, movedFrom);
    }

    public void Dispose() => _cache.Dispose();

    // A key read while a destruction began or ended (any owner's: they are rare) is returned but not kept: it may be the
    // destroyed one, and the cache would serve it for minutes after the erasure. Checked after caching too: a destruction
    // that begins or ends after that check removes the entry itself.
    private DataKey Remember(string owner, DataKey dataKey, long destructionsBeforeRead)
    {
        if (Interlocked.Read(ref _destructions) != destructionsBeforeRead)
        {
            return dataKey;
        }

        _cache.Set(owner, dataKey, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = CacheLifetime });
        if (Interlocked.Read(ref _destructions) != destructionsBeforeRead)
        {
            _cache.Remove(owner);
        }

        return dataKey;
    }

    private void Uncache(string owner)
    {
        Interlocked.Increment(ref _destructions);
        _cache.Remove(owner);
    }

    private static string WrapContext(string owner) => $"booking-dek|v2|{owner}";
}
