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
    /// <summary>How many documents of one collection are kept decoded at most (see <see cref="RecentlyDecoded"/>).</summary>
    public const int DecodedCapacity = 10_000;

    // Point reads go to _documents without a lock; the partition index (ids by partition, for partition reads)
    // is kept beside it under the gate. One flat map: many partitions hold a single document (an appointment).
    private readonly ConcurrentDictionary<(string Partition, string Id), EmbeddedEntry> _documents = new();
    private readonly Dictionary<string, HashSet<string>> _partitions = new(StringComparer.Ordinal);
    private readonly CollectionJournal? _journal;
    private readonly object _gate = new();
    private readonly RecentlyDecoded _decoded = new(DecodedCapacity);

    public EmbeddedCollection(string name, string? directory, bool flushToDisk, int compactAfterLines = CollectionJournal.DefaultCompactAfterLines)
    {
        Name = name;
        if (directory is not null)
        {
            _journal = new CollectionJournal(directory, name, flushToDisk, compactAfterLines);
            foreach (var line in _journal.Load())
            {
                ApplyInMemory(line);
            }

            if (_journal.HasRetiredJournal)
            {
                _journal.CompactNow([.. _documents.Values]);
            }
        }
    }

    public string Name { get; }

    public object Gate => _gate;

    public EmbeddedEntry? Find(string partition, string id) => _documents.GetValueOrDefault((partition, id));

    public IReadOnlyList<EmbeddedEntry> InPartition(string partition)
    {
        lock (_gate)
        {
            return _partitions.TryGetValue(partition, out var ids)
                ? ids.Select(id => _documents[(partition, id)]).ToList()
                : [];
        }
    }

    /// <summary>Keeps <paramref name="document"/> as the decoded form of <paramref name="entry"/> while it is among the most recently decoded.</summary>
    public void KeepDecoded(EmbeddedEntry entry, object document)
    {
        entry.Cached = document;
        _decoded.Add(entry);
    }

    public IEnumerable<EmbeddedEntry> All() => _documents.Values;

    /// <summary>Writes <paramref name="entry"/>, or deletes when it is null. Callers hold <see cref="Gate"/>.</summary>
    public void Apply(string partition, string id, EmbeddedEntry? entry)
    {
        _journal?.Append(entry, partition, id);
        Put(partition, id, entry);
        if (_journal?.ShouldCompact(_documents.Count) == true)
        {
            _journal.StartCompaction([.. _documents.Values]);
        }
    }

    /// <summary>Rewrites the files to hold the live documents only (see <see cref="CollectionJournal.Rewrite"/>). Callers hold <see cref="Gate"/>.</summary>
    public void PurgeHistory() => _journal?.Rewrite([.. _documents.Values]);

    private void ApplyInMemory(JournalLine line) =>
        Put(line.Partition, line.Id, line.Document is { } document
            ? new EmbeddedEntry(line.Partition, line.Id, JsonSerializer.SerializeToUtf8Bytes(document), line.ETag!, line.ExpiresAt)
            : null);

    private void Put(string partition, string id, EmbeddedEntry? entry)
    {
        if (entry is null)
        {
            if (_documents.TryRemove((partition, id), out _) && _partitions.TryGetValue(partition, out var ids))
            {
                ids.Remove(id);
                if (ids.Count == 0)
                {
                    _partitions.Remove(partition);
                }
            }

            return;
        }

        if (!_partitions.TryGetValue(partition, out var members))
        {
            members = new HashSet<string>(StringComparer.Ordinal);
            _partitions[partition] = members;
        }

        members.Add(id);
        _documents[(partition, id)] = entry;
    }

    public void Dispose() => _journal?.Dispose();
}
