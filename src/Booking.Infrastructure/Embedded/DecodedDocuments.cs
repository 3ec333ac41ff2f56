using System.Collections.Concurrent;

namespace Booking.Infrastructure.Embedded;

/// <summary>
/// The documents of one collection this process decoded or wrote last, each with the ETag it had: a read whose row
/// still has that ETag skips the JSON parse (documents are immutable records, so one decoded copy serves every
/// reader). Hot documents — a practitioner's day that every booking of that day reads and rewrites — stay decoded;
/// the map is bounded, and past <see cref="Capacity"/> an arbitrary tenth is dropped (read again, they decode again).
/// Another process's write gives the row a new ETag, so a stale copy is never served.
/// </summary>
internal sealed class DecodedDocuments<T>
    where T : class
{
    public const int Capacity = 4_096;
    private readonly ConcurrentDictionary<(string Partition, string Id), (string ETag, T Document)> _decoded = new();

    // Counted here: the dictionary's Count and Keys take every one of its locks, which every write paid for (a tenth of
    // a booking's lock waits in a profile).
    private int _count;

    public T? Find(string partition, string id, string etag) =>
        _decoded.TryGetValue((partition, id), out var kept) && kept.ETag == etag ? kept.Document : null;

    public void Keep(string partition, string id, string etag, T document)
    {
        var key = (partition, id);
        while (!_decoded.TryAdd(key, (etag, document)))
        {
            // Replaced in place, so the count stays true; removed meanwhile, it is added (and counted) on the next turn.
            if (_decoded.TryGetValue(key, out var kept) && _decoded.TryUpdate(key, (etag, document), kept))
            {
                return;
            }
        }

        if (Interlocked.Increment(ref _count) > Capacity)
        {
            // The enumerator takes no lock; what it yields may be changing, which is fine for dropping an arbitrary tenth.
            foreach (var (dropped, _) in _decoded.Take(Capacity / 10))
            {
                Forget(dropped.Partition, dropped.Id);
            }
        }
    }

    public void Forget(string partition, string id)
    {
        if (_decoded.TryRemove((partition, id), out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }
}
