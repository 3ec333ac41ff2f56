using System.Collections.Concurrent;
using System.Text.Json;

namespace Booking.Infrastructure.Embedded;

/// <summary>
/// The documents of one collection, in memory and, when a directory is given, in a journal on disk.
/// Every change is appended to the journal before it is visible, under one lock, so what a caller saw
/// succeed survives a crash; a line torn by a crash is dropped on the next start. Reads take no lock: they
/// see each document as it was before or after a write (entries are replaced whole, never changed).
/// </summary>
internal sealed class EmbeddedCollection : IDisposable
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, EmbeddedEntry>> _partitions = new(StringComparer.Ordinal);
    private readonly CollectionJournal? _journal;
    /// <summary>How many documents of one collection are kept decoded at most (see <see cref="RecentlyDecoded"/>).</summary>
    public const int DecodedCapacity = 10_000;

    private readonly object _gate = new();
    private readonly RecentlyDecoded _decoded = new(DecodedCapacity);
    private int _count;

    public EmbeddedCollection(string name, string? directory, bool flushToDisk)
    {
        Name = name;
        if (directory is not null)
        {
            _journal = new CollectionJournal(directory, name, flushToDisk);
            foreach (var line in _journal.Load())
            {
                ApplyInMemory(line);
            }
        }
    }

    public string Name { get; }

    public object Gate => _gate;

    public EmbeddedEntry? Find(string partition, string id) =>
        _partitions.TryGetValue(partition, out var docs) && docs.TryGetValue(id, out var entry) ? entry : null;

    public IReadOnlyList<EmbeddedEntry> InPartition(string partition) =>
        _partitions.TryGetValue(partition, out var docs) ? [.. docs.Values] : [];

    /// <summary>Keeps <paramref name="document"/> as the decoded form of <paramref name="entry"/> while it is among the most recently decoded.</summary>
    public void KeepDecoded(EmbeddedEntry entry, object document)
    {
        entry.Cached = document;
        _decoded.Add(entry);
    }

    public IEnumerable<EmbeddedEntry> All() => _partitions.Values.SelectMany(d => d.Values);

    /// <summary>Writes <paramref name="entry"/>, or deletes when it is null. Callers hold <see cref="Gate"/>.</summary>
    public void Apply(string partition, string id, EmbeddedEntry? entry)
    {
        _journal?.Append(entry, partition, id);
        Put(partition, id, entry);
        if (_journal?.ShouldCompact(_count) == true)
        {
            _journal.Compact(All());
        }
    }

    private void ApplyInMemory(JournalLine line) =>
        Put(line.Partition, line.Id, line.Document is { } document
            ? new EmbeddedEntry(line.Partition, line.Id, JsonSerializer.SerializeToUtf8Bytes(document), line.ETag!, line.ExpiresAt)
            : null);

    private void Put(string partition, string id, EmbeddedEntry? entry)
    {
        if (!_partitions.TryGetValue(partition, out var docs))
        {
            docs = new ConcurrentDictionary<string, EmbeddedEntry>(StringComparer.Ordinal);
            _partitions[partition] = docs;
        }

        if (entry is null)
        {
            if (docs.TryRemove(id, out _))
            {
                _count--;
            }

            if (docs.IsEmpty)
            {
                _partitions.TryRemove(partition, out _);
            }

            return;
        }

        if (!docs.ContainsKey(id))
        {
            _count++;
        }

        docs[id] = entry;
    }

    public void Dispose() => _journal?.Dispose();
}
