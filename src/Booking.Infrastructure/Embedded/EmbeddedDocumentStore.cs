using System.Text;
using System.Text.Json;
using Booking.Application.Common;
using Booking.Application.Storage;
using NodaTime;

namespace Booking.Infrastructure.Embedded;

/// <summary>
/// <see cref="IDocumentStore{T}"/> in this process, with the semantics of the Cosmos DB adapter:
/// create-if-absent, replace-if-ETag-matches, per-document expiry, partition-scoped reads.
/// </summary>
public sealed class EmbeddedDocumentStore<T>(EmbeddedDatabase database, TimeProvider time) : IDocumentStore<T>
    where T : class
{
    private readonly EmbeddedCollection _collection = database.Collection(CollectionName);

    public static string CollectionName { get; } = KebabCase(typeof(T).Name);

    // Reads take no lock (see EmbeddedCollection): a read racing a write sees the document before or after it.
    public Task<Versioned<T>?> ReadAsync(DocumentKey key, CancellationToken cancellationToken)
    {
        var entry = Live(_collection.Find(key.Partition, key.Id));
        return Task.FromResult(entry is null ? null : ToVersioned(entry));
    }

    public Task<string?> TryCreateAsync(DocumentKey key, T document, Instant? expiresAt, CancellationToken cancellationToken)
    {
        var json = Serialize(document);
        lock (_collection.Gate)
        {
            if (Live(_collection.Find(key.Partition, key.Id)) is not null)
            {
                return Task.FromResult<string?>(null);
            }

            return Task.FromResult<string?>(Write(key, json, document, expiresAt));
        }
    }

    public Task<string?> TryReplaceAsync(DocumentKey key, T document, string ifMatch, Instant? expiresAt, CancellationToken cancellationToken)
    {
        var json = Serialize(document);
        lock (_collection.Gate)
        {
            var current = Live(_collection.Find(key.Partition, key.Id));
            if (current is null || current.ETag != ifMatch)
            {
                return Task.FromResult<string?>(null);
            }

            return Task.FromResult<string?>(Write(key, json, document, expiresAt));
        }
    }

    public Task<string> UpsertAsync(DocumentKey key, T document, Instant? expiresAt, CancellationToken cancellationToken)
    {
        var json = Serialize(document);
        lock (_collection.Gate)
        {
            return Task.FromResult(Write(key, json, document, expiresAt));
        }
    }

    public Task<bool> DeleteAsync(DocumentKey key, CancellationToken cancellationToken)
    {
        lock (_collection.Gate)
        {
            if (Live(_collection.Find(key.Partition, key.Id)) is null)
            {
                return Task.FromResult(false);
            }

            _collection.Apply(key.Partition, key.Id, null);
            return Task.FromResult(true);
        }
    }

    public Task PurgeHistoryAsync(CancellationToken cancellationToken)
    {
        lock (_collection.Gate)
        {
            _collection.PurgeHistory();
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Versioned<T>>> ReadPartitionAsync(string partition, CancellationToken cancellationToken)
    {
        IReadOnlyList<Versioned<T>> found = _collection.InPartition(partition)
            .Where(e => Live(e) is not null)
            .Select(ToVersioned)
            .ToList();
        return Task.FromResult(found);
    }

    private string Write(DocumentKey key, byte[] json, T document, Instant? expiresAt)
    {
        var entry = new EmbeddedEntry(key.Partition, key.Id, json, database.NextETag(), expiresAt);
        _collection.KeepDecoded(entry, document);
        _collection.Apply(key.Partition, key.Id, entry);
        return entry.ETag;
    }

    private EmbeddedEntry? Live(EmbeddedEntry? entry) =>
        entry is null || entry.IsExpired(time.GetCurrentInstant()) ? null : entry;

    // Two readers racing on an entry not decoded yet may both deserialise it; either copy is right.
    private Versioned<T> ToVersioned(EmbeddedEntry entry)
    {
        if (entry.Cached is not T value)
        {
            value = JsonSerializer.Deserialize<T>(entry.Json, JsonDefaults.Options)!;
            _collection.KeepDecoded(entry, value);
        }

        return new Versioned<T>(new DocumentKey(entry.Partition, entry.Id), value, entry.ETag);
    }

    private static byte[] Serialize(T document) => JsonSerializer.SerializeToUtf8Bytes(document, JsonDefaults.Options);

    private static string KebabCase(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }
}
