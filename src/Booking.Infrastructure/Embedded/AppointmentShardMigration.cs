using System.Text.Json;
using Booking.Application.Booking;
using Booking.Application.Common;
using Booking.Domain.Appointments;

namespace Booking.Infrastructure.Embedded;

/// <summary>
/// Schema 3: appointments moved from a partition of their own to their shard (<see cref="AppointmentKeys"/>), and the outbox
/// markers folded into them. A file of schema 1 or 2 has each appointment at partition = id, and a marker per appointment
/// that may have had events to publish or a filing to do; each appointment is moved, one whose marker was not ended is
/// marked still to file (filing again is harmless: upserts), so the sweeper finishes it, and the markers are dropped.
/// </summary>
internal static class AppointmentShardMigration
{
    private static readonly string Appointments = EmbeddedDocumentStore<Appointment>.CollectionName;
    private const string Markers = "outbox-marker"; // the type is gone: its collection's name as schema 2 wrote it

    public static void Run(SqliteSession session)
    {
        var unended = new HashSet<string>(StringComparer.Ordinal);
        using (var reader = session.Command($"SELECT id, json FROM documents WHERE collection = '{Markers}'").ExecuteReader())
        {
            while (reader.Read())
            {
                using var marker = JsonDocument.Parse(reader.GetFieldValue<byte[]>(1));
                if (!(marker.RootElement.TryGetProperty("ended", out var ended) && ended.GetBoolean()))
                {
                    unended.Add(reader.GetString(0));
                }
            }
        }

        var moved = new List<(string Id, byte[] Json)>();
        using (var reader = session.Command($"SELECT id, json FROM documents WHERE collection = '{Appointments}' AND partition = id").ExecuteReader())
        {
            while (reader.Read())
            {
                moved.Add((reader.GetString(0), reader.GetFieldValue<byte[]>(1)));
            }
        }

        foreach (var (id, json) in moved)
        {
            var appointment = JsonSerializer.Deserialize<Appointment>(json, JsonDefaults.Options)!;
            if (unended.Contains(id))
            {
                appointment = appointment with { ToFile = true };
            }

            var update = session.Command(
                $"UPDATE documents SET partition = $p, json = $j, sort_key = $k, tags = $t WHERE collection = '{Appointments}' AND partition = $i AND id = $i");
            update.Parameters.AddWithValue("$p", AppointmentKeys.Appointment(id).Partition);
            update.Parameters.AddWithValue("$i", id);
            update.Parameters.AddWithValue("$j", JsonSerializer.SerializeToUtf8Bytes(appointment, JsonDefaults.Options));
            update.Parameters.AddWithValue("$k", (object?)appointment.SortKey ?? DBNull.Value);
            update.Parameters.AddWithValue("$t", appointment.SortKey is null ? DBNull.Value : JsonSerializer.Serialize(appointment.Tags));
            update.ExecuteNonQuery();
        }

        session.Command($"DELETE FROM documents WHERE collection = '{Markers}'").ExecuteNonQuery();
    }
}
