using Booking.Domain.Common;
using System.Text;
using System.Text.Json;
using Booking.Application.Common;
using Booking.Application.Storage;
using NodaTime;

namespace Booking.Infrastructure.Embedded;

/// <summary>
/// <see cref="IDocumentStore{T}"/> on the embedded database, with the semantics of the Cosmos DB adapter:
/// create-if-absent, replace-if-ETag-matches, per-document expiry, partition-scoped reads. Each conditional write is
/// one SQL statement whose condition SQLite checks under its write lock, so it holds across processes too. A document
/// past its expiry reads as absent until the purge timer deletes it (<see cref="EmbeddedExpiredPurger"/>).
/// </summary>
public sealed partial class EmbeddedDocumentStore<T>(EmbeddedDatabase database, TimeProvider time) : IDocumentStore<T>
    where T : class
{
    private const string SelectOne = "SELECT json, etag, expires_at FROM documents WHERE collection = $c AND partition = $p AND id = $i";

    private const string SelectPartition =
        "SELECT id, json, etag FROM documents WHERE collection = $c AND partition = $p AND (expires_at IS NULL OR expires_at > $now)";

    private const string SelectRange = SelectPartition + " AND id >= $from AND id <= $to";

    // Read in the index's order from the cursor on (a seek, not a scan from the start); the tag test reads the row's
    // own tags.
    private const string SelectSorted = """
        SELECT id, json, etag FROM documents
        WHERE collection = $c AND partition = $p AND sort_key IS NOT NULL AND sort_key > $after
          AND (expires_at IS NULL OR expires_at > $now) AND EXISTS (SELECT 1 FROM json_each(documents.tags) WHERE value = $tag)
        ORDER BY sort_key LIMIT $limit
        """;

    // The upsert's WHERE lets a create land over an expired document only.
    private const string InsertIfAbsent = """
        INSERT INTO documents (collection, partition, id, etag, expires_at, json, sort_key, tags) VALUES ($c, $p, $i, $e, $x, $j, $k, $t)
        ON CONFLICT (collection, partition, id) DO UPDATE SET etag = excluded.etag, expires_at = excluded.expires_at, json = excluded.json,
            sort_key = excluded.sort_key, tags = excluded.tags
        WHERE documents.expires_at IS NOT NULL AND documents.expires_at <= $now
        """;

    private const string ReplaceIfMatch = """
        UPDATE documents SET etag = $e, expires_at = $x, json = $j, sort_key = $k, tags = $t
        WHERE collection = $c AND partition = $p AND id = $i AND etag = $if AND (expires_at IS NULL OR expires_at > $now)
        """;

    private const string Upsert = """
        INSERT INTO documents (collection, partition, id, etag, expires_at, json, sort_key, tags) VALUES ($c, $p, $i, $e, $x, $j, $k, $t)
        ON CONFLICT (collection, partition, id) DO UPDATE SET etag = excluded.etag, expires_at = excluded.expires_at, json = excluded.json,
            sort_key = excluded.sort_key, tags = excluded.tags
        """;

    private const string DeleteOne = "DELETE FROM documents WHERE collection = $c AND partition = $p AND id = $i RETURNING expires_at";

    private readonly DecodedDocuments<T> _decoded = new();

    public static string CollectionName { get; } = KebabCase(typeof(T).Name);

    public Task<Versioned<T>?> ReadAsync(DocumentKey key, CancellationToken cancellationToken)
    {
        var now = Now();
        var found = database.Read(session =>
        {
            var command = Keyed(session.Command(SelectOne), key);
            using var reader = command.ExecuteReader();
            if (!reader.Read() || (!reader.IsDBNull(2) && reader.GetInt64(2) <= now))
            {
                return default((byte[] Json, string ETag)?);
            }

            return (reader.GetFieldValue<byte[]>(0), reader.GetString(1));
        });
        return Task.FromResult(found is var (json, etag) ? VersionedOf(key, json, etag) : null);
    }

    public Task<string?> TryCreateAsync(DocumentKey key, T document, Instant? expiresAt, CancellationToken cancellationToken) =>
        WriteAsync(InsertIfAbsent, key, document, expiresAt, ifMatch: null);

    public Task<string?> TryReplaceAsync(DocumentKey key, T document, string ifMatch, Instant? expiresAt, CancellationToken cancellationToken) =>
        WriteAsync(ReplaceIfMatch, key, document, expiresAt, ifMatch);

    public async Task<string> UpsertAsync(DocumentKey key, T document, Instant? expiresAt, CancellationToken cancellationToken) =>
        (await WriteAsync(Upsert, key, document, expiresAt, ifMatch: null))!;

    public Task<bool> DeleteAsync(DocumentKey key, CancellationToken cancellationToken)
    {
        var now = Now();
        _decoded.Forget(key.Partition, key.Id);
        return database.WriteAsync(session =>
        {
            using var reader = Keyed(session.Command(DeleteOne), key).ExecuteReader();
            return reader.Read() && (reader.IsDBNull(0) || reader.GetInt64(0) > now);
        });
    }

    public Task PurgeHistoryAsync(CancellationToken cancellationToken)
    {
        database.PurgeHistory();
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Versioned<T>>> ReadPartitionAsync(string partition, CancellationToken cancellationToken) =>
        Task.FromResult(Select(partition, null));

    // A range of the primary key's index (collection, partition, id); SQLite compares text as bytes, as Cosmos DB does.
    public Task<IReadOnlyList<Versioned<T>>> ReadRangeAsync(string partition, string fromId, string toIdInclusive, CancellationToken cancellationToken) =>
        Task.FromResult(Select(partition, (fromId, toIdInclusive)));

    private IReadOnlyList<Versioned<T>> Select(string partition, (string From, string To)? range)
    {
        var now = Now();
        var found = database.Read(session =>
        {
            var command = session.Command(range is null ? SelectPartition : SelectRange);
            command.Parameters.AddWithValue("$c", CollectionName);
            command.Parameters.AddWithValue("$p", partition);
            command.Parameters.AddWithValue("$now", now);
            if (range is var (from, to))
            {
                command.Parameters.AddWithValue("$from", from);
                command.Parameters.AddWithValue("$to", to);
            }

            return ReadRows(command);
        });
        // Decoded once the read is over, so the connection goes back to the pool without waiting for the JSON.
        return [.. found.Select(d => new Versioned<T>(new DocumentKey(partition, d.Id), Decoded(partition, d.Id, d.Json, d.ETag), d.ETag))];
    }

    public Task<IReadOnlyList<Versioned<T>>> QueryPartitionAsync(string partition, SortedQuery query, CancellationToken cancellationToken)
    {
        var now = Now();
        var found = database.Read(session =>
        {
            var command = session.Command(SelectSorted);
            command.Parameters.AddWithValue("$c", CollectionName);
            command.Parameters.AddWithValue("$p", partition);
            command.Parameters.AddWithValue("$now", now);
            command.Parameters.AddWithValue("$tag", query.Tag);
            command.Parameters.AddWithValue("$after", query.After ?? "");
            command.Parameters.AddWithValue("$limit", query.Limit);
            return ReadRows(command);
        });
        IReadOnlyList<Versioned<T>> documents = [.. found.Select(d => new Versioned<T>(new DocumentKey(partition, d.Id), Decoded(partition, d.Id, d.Json, d.ETag), d.ETag))];
        return Task.FromResult(documents);
    }

    private static List<(string Id, byte[] Json, string ETag)> ReadRows(Microsoft.Data.Sqlite.SqliteCommand command)
    {
        var documents = new List<(string Id, byte[] Json, string ETag)>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            documents.Add((reader.GetString(0), reader.GetFieldValue<byte[]>(1), reader.GetString(2)));
        }

        return documents;
    }

    /// <summary>Runs one of the writes; its new ETag, or null when its condition did not hold (no row changed).</summary>
    private async Task<string?> WriteAsync(string sql, DocumentKey key, T document, Instant? expiresAt, string? ifMatch)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(document, JsonDefaults.Options);
        var sorted = document as ISortedDocument is { SortKey: not null } listed ? listed : null;
        var etag = database.NextETag();
        var now = Now();
        var changed = await database.WriteAsync(session =>
        {
            var command = Keyed(session.Command(sql), key);
            command.Parameters.AddWithValue("$e", etag);
            command.Parameters.AddWithValue("$x", expiresAt is { } at ? at.ToUnixTimeTicks() : DBNull.Value);
            command.Parameters.AddWithValue("$j", json);
            command.Parameters.AddWithValue("$k", sorted is null ? DBNull.Value : sorted.SortKey!);
            command.Parameters.AddWithValue("$t", sorted is null ? DBNull.Value : JsonSerializer.Serialize(sorted.Tags));
            if (sql != Upsert)
            {
                command.Parameters.AddWithValue("$now", now);
            }

            if (ifMatch is not null)
            {
                command.Parameters.AddWithValue("$if", ifMatch);
            }

            return command.ExecuteNonQuery();
        });
        if (changed != 1)
        {
            return null;
        }

        _decoded.Keep(key.Partition, key.Id, etag, document);
        return etag;
    }

    /// <summary>A row of this collection read elsewhere (a read of two collections at once), decoded through this store's cache.</summary>
    internal Versioned<T> VersionedOf(DocumentKey key, byte[] json, string etag) => new(key, Decoded(key.Partition, key.Id, json, etag), etag);

    private T Decoded(string partition, string id, byte[] json, string etag)
    {
        if (_decoded.Find(partition, id, etag) is { } kept)
        {
            return kept;
        }

        var document = Deserialize(json);
        _decoded.Keep(partition, id, etag, document);
        return document;
    }

    private static Microsoft.Data.Sqlite.SqliteCommand Keyed(Microsoft.Data.Sqlite.SqliteCommand command, DocumentKey key)
    {
        command.Parameters.AddWithValue("$c", CollectionName);
        command.Parameters.AddWithValue("$p", key.Partition);
        command.Parameters.AddWithValue("$i", key.Id);
        return command;
    }

    private long Now() => time.GetCurrentInstant().ToUnixTimeTicks();

    private static T Deserialize(byte[] json) => JsonSerializer.Deserialize<T>(json, JsonDefaults.Options)!;

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
