using Booking.Application.Storage;

namespace Booking.Infrastructure.Embedded;

public sealed partial class EmbeddedDocumentStore<T>
{
    // Two lookups of the primary key's index (collection, partition, id) in one statement.
    private const string SelectPair = """
        SELECT collection, id, json, etag, expires_at FROM documents
        WHERE partition = $p AND ((collection = $c1 AND id = $i1) OR (collection = $c2 AND id = $i2))
        """;

    /// <summary>The database this store reads, so that a store of another kind can tell whether one statement reads both.</summary>
    internal EmbeddedDatabase Database => database;

    /// <summary>One SELECT when <paramref name="others"/> is an embedded store on the same database; otherwise two reads.</summary>
    public async Task<(Versioned<T>? Document, Versioned<TOther>? Other)> ReadWithAsync<TOther>(
        DocumentKey key, IDocumentStore<TOther> others, string otherId, CancellationToken cancellationToken)
        where TOther : class
    {
        var otherKey = new DocumentKey(key.Partition, otherId);
        if (others is not EmbeddedDocumentStore<TOther> embedded || embedded.Database != database)
        {
            return (await ReadAsync(key, cancellationToken), await others.ReadAsync(otherKey, cancellationToken));
        }

        var otherCollection = EmbeddedDocumentStore<TOther>.CollectionName;
        var now = Now();
        var found = database.Read(session =>
        {
            var command = session.Command(SelectPair);
            command.Parameters.AddWithValue("$p", key.Partition);
            command.Parameters.AddWithValue("$c1", CollectionName);
            command.Parameters.AddWithValue("$i1", key.Id);
            command.Parameters.AddWithValue("$c2", otherCollection);
            command.Parameters.AddWithValue("$i2", otherId);
            return ReadLiveRows(command, now);
        });

        // Decoded once the read is over, as Select does; each by its own store, into its own cache.
        Versioned<T>? document = Find(found, CollectionName, key.Id) is var (json, etag) ? VersionedOf(key, json, etag) : null;
        Versioned<TOther>? other = Find(found, otherCollection, otherId) is var (otherJson, otherETag)
            ? embedded.VersionedOf(otherKey, otherJson, otherETag)
            : null;
        return (document, other);
    }

    /// <summary>The rows read, less those past their expiry (absent, as <see cref="ReadAsync"/> answers them).</summary>
    private static List<(string Collection, string Id, byte[] Json, string ETag)> ReadLiveRows(Microsoft.Data.Sqlite.SqliteCommand command, long now)
    {
        var rows = new List<(string Collection, string Id, byte[] Json, string ETag)>(2);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (reader.IsDBNull(4) || reader.GetInt64(4) > now)
            {
                rows.Add((reader.GetString(0), reader.GetString(1), reader.GetFieldValue<byte[]>(2), reader.GetString(3)));
            }
        }

        return rows;
    }

    private static (byte[] Json, string ETag)? Find(List<(string Collection, string Id, byte[] Json, string ETag)> rows, string collection, string id)
    {
        foreach (var row in rows)
        {
            if (row.Collection == collection && row.Id == id)
            {
                return (row.Json, row.ETag);
            }
        }

        return null;
    }
}
