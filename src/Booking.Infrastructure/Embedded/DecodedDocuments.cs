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

    public T? Find(string partition, string id, string etag) =>
        _decoded.TryGetValue((partition, id), out var kept) && kept.ETag == etag ? kept.Document : null;

    public void Keep(string partition, string id, string etag, T document)
    {
        _decoded[(partition, id)] = (etag, document);
        if (_decoded.Count > Capacity)
        {
            foreach (var key in _decoded.Keys.Take(Capacity / 10))
            {
                _decoded.TryRemove(key, out _);
            }
        }
    }

    public void Forget(string partition, string id) => _decoded.TryRemove((partition, id), out _);
}
