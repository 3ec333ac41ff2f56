using System.Text.Json;
using Booking.Application.Common;
using Booking.Application.Practitioners;
using Booking.Application.Search;
using Booking.Domain.Common;

namespace Booking.Infrastructure.Embedded;

/// <summary>
/// Schema 4: search keys folded by <see cref="TextNormalizer"/> as it is now (apostrophes, dashes and spaces of every
/// kind, compatibility forms and ligatures). Directory entries and availability summaries are filed under their city's
/// folded key and carry their specialty's: each one whose city or specialty holds a character folded differently before
/// is moved to the partition a search now reads, with its specialty key and tags (summaries) computed again; the others
/// (plain and accented text, every demo practitioner among them) are left as they are. A later change of the folding
/// bumps the schema and runs this again.
/// </summary>
internal static class SearchKeysMigration
{
    private static readonly string Directory = EmbeddedDocumentStore<DirectoryEntry>.CollectionName;
    private static readonly string Summaries = EmbeddedDocumentStore<AvailabilitySummary>.CollectionName;

    public static void Run(SqliteSession session, Func<string> nextETag)
    {
        foreach (var (partition, id, stored) in Rows(session, Directory))
        {
            var entry = JsonSerializer.Deserialize<DirectoryEntry>(stored, JsonDefaults.Options)!;
            var refiled = entry with { SpecialtyKey = TextNormalizer.ForMatching(entry.Specialty) };
            var json = entry == refiled ? null : JsonSerializer.SerializeToUtf8Bytes(refiled, JsonDefaults.Options);
            Move(session, Directory, (partition, id), PractitionerKeys.DirectoryPartition(entry.City), json, null, null, nextETag);
        }

        foreach (var (partition, id, stored) in Rows(session, Summaries))
        {
            var summary = JsonSerializer.Deserialize<AvailabilitySummary>(stored, JsonDefaults.Options)!;
            var specialtyKey = TextNormalizer.ForMatching(summary.Practitioner.Specialty);
            var refiled = summary.SpecialtyKey == specialtyKey ? null : summary with { SpecialtyKey = specialtyKey };
            var json = refiled is null ? null : JsonSerializer.SerializeToUtf8Bytes(refiled, JsonDefaults.Options);
            var tags = refiled is null ? null : JsonSerializer.Serialize(refiled.Tags);
            Move(session, Summaries, (partition, id), PractitionerKeys.DirectoryPartition(summary.Practitioner.City), json, refiled?.SortKey, tags, nextETag);
        }
    }

    private static List<(string Partition, string Id, byte[] Json)> Rows(SqliteSession session, string collection)
    {
        var rows = new List<(string, string, byte[])>();
        var select = session.Command("SELECT partition, id, json FROM documents WHERE collection = $c");
        select.Parameters.AddWithValue("$c", collection);
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetFieldValue<byte[]>(2)));
        }

        return rows;
    }

    /// <summary>
    /// Files the row at <paramref name="row"/> under <paramref name="partition"/> (it stays if already there) with
    /// <paramref name="json"/>, <paramref name="sortKey"/> and <paramref name="tags"/> when given. One already
    /// filed there under the same id (none should be: a practitioner has one city) gives way to it.
    /// </summary>
    private static void Move(
        SqliteSession session, string collection, (string Partition, string Id) row, string partition, byte[]? json, string? sortKey, string? tags, Func<string> nextETag)
    {
        if (row.Partition == partition && json is null)
        {
            return;
        }

        var update = session.Command(
            "UPDATE OR REPLACE documents SET partition = $p, etag = $e, json = coalesce($j, json), sort_key = coalesce($k, sort_key), tags = coalesce($t, tags) "
            + "WHERE collection = $c AND partition = $from AND id = $i");
        update.Parameters.AddWithValue("$c", collection);
        update.Parameters.AddWithValue("$from", row.Partition);
        update.Parameters.AddWithValue("$i", row.Id);
        update.Parameters.AddWithValue("$p", partition);
        update.Parameters.AddWithValue("$e", nextETag());
        update.Parameters.AddWithValue("$j", (object?)json ?? DBNull.Value);
        update.Parameters.AddWithValue("$k", (object?)sortKey ?? DBNull.Value);
        update.Parameters.AddWithValue("$t", (object?)tags ?? DBNull.Value);
        update.ExecuteNonQuery();
    }
}
