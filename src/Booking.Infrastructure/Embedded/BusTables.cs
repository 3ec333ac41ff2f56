using System.Text.Json;
using Booking.Application.Messaging;
using Microsoft.Data.Sqlite;

namespace Booking.Infrastructure.Embedded;

/// <summary>
/// The embedded bus's rows: <c>bus_subscriptions</c> (who receives what is sent to an entity; a queue's consumer is
/// subscription ""), <c>bus_seen</c> (message ids seen per entity, for duplicate detection) and <c>bus_messages</c>
/// (one row per message and subscription until it is completed; dead letters stay with their reason). A message is
/// locked by setting a lock token and moving <c>visible_at</c> to the lock's expiry, so a lock a crash left simply
/// expires. Times are UTC ticks. Every change is one statement or one immediate transaction.
/// </summary>
internal sealed class BusTables(EmbeddedDatabase database)
{
    private const string Subscribe = "INSERT OR IGNORE INTO bus_subscriptions (entity, subscription) VALUES ($e, $s)";

    private const string MarkSeen = """
        INSERT INTO bus_seen (entity, message_id, seen_at) VALUES ($e, $m, $now)
        ON CONFLICT (entity, message_id) DO UPDATE SET seen_at = excluded.seen_at WHERE bus_seen.seen_at <= $windowStart
        """;

    private const string Enqueue = """
        INSERT INTO bus_messages (entity, subscription, message_id, body, properties, enqueued_at, visible_at, delivery_count)
        SELECT $e, subscription, $m, $b, $props, $now, $now, 0 FROM bus_subscriptions WHERE entity = $e
        """;

    private const string ForgetSeen = "DELETE FROM bus_seen WHERE rowid IN (SELECT rowid FROM bus_seen WHERE seen_at <= $windowStart LIMIT 1000)";

    private const string NextVisible = "SELECT min(visible_at) FROM bus_messages WHERE entity = $e AND subscription = $s AND dead_letter_reason IS NULL";

    private const string Claim = """
        UPDATE bus_messages SET lock_token = $t, visible_at = $until, delivery_count = delivery_count + 1
        WHERE seq = (SELECT seq FROM bus_messages WHERE entity = $e AND subscription = $s AND dead_letter_reason IS NULL AND visible_at <= $now
                     ORDER BY visible_at, seq LIMIT 1)
        RETURNING seq, message_id, body, properties, delivery_count
        """;

    private const string ClaimDeadLetters = """
        UPDATE bus_messages SET lock_token = $t, visible_at = $until
        WHERE seq IN (SELECT seq FROM bus_messages WHERE entity = $e AND subscription = $s AND dead_letter_reason IS NOT NULL
                      AND dead_letter_reason LIKE 'MaxDeliveryCountExceeded%' AND visible_at <= $now ORDER BY seq LIMIT $limit)
        RETURNING seq, message_id, body, properties, delivery_count
        """;

    private const string Complete = "DELETE FROM bus_messages WHERE seq = $seq AND lock_token = $t";

    private const string Renew = "UPDATE bus_messages SET visible_at = $until WHERE seq = $seq AND lock_token = $t";

    private const string Unlock = "UPDATE bus_messages SET lock_token = NULL, visible_at = $until, delivery_count = delivery_count - $uncount WHERE seq = $seq AND lock_token = $t";

    private const string DeadLetter = """
        UPDATE bus_messages SET lock_token = NULL, visible_at = $now, dead_letter_reason = $r, dead_lettered_at = $now
        WHERE seq = $seq AND lock_token = $t
        """;

    private const string PurgeDeadLetters = """
        DELETE FROM bus_messages WHERE seq IN (SELECT seq FROM bus_messages WHERE entity = $e AND subscription = '' AND dead_letter_reason IS NOT NULL
                                               AND dead_lettered_at < $before AND visible_at <= $now LIMIT $limit)
        """;

    private const string SelectDeadLetters = """
        SELECT message_id, body, properties, dead_lettered_at, subscription, dead_letter_reason FROM bus_messages
        WHERE entity = $e AND dead_letter_reason IS NOT NULL ORDER BY seq
        """;

    private const string CountPending = "SELECT count(*) FROM bus_messages WHERE entity = $e AND subscription = $s AND dead_letter_reason IS NULL";

    public void AddSubscription(string entity, string subscription) =>
        database.Write(s => Run(s, Subscribe, ("$e", entity), ("$s", subscription)));

    /// <summary>Records <paramref name="message"/> for every subscription of <paramref name="entity"/>; false when its id was seen there within the window.</summary>
    public Task<bool> SendAsync(string entity, BusMessage message, DateTimeOffset now, TimeSpan duplicateWindow) =>
        database.WriteAsync(s => s.InTransaction(() =>
        {
            if (Run(s, MarkSeen, ("$e", entity), ("$m", message.MessageId), ("$now", now.UtcTicks), ("$windowStart", (now - duplicateWindow).UtcTicks)) == 0)
            {
                return false;
            }

            var properties = JsonSerializer.Serialize(message.ApplicationProperties);
            Run(s, Enqueue, ("$e", entity), ("$m", message.MessageId), ("$b", message.Body), ("$props", properties), ("$now", now.UtcTicks));
            return true;
        }));

    public int ForgetSeenBefore(DateTimeOffset cutoff) => database.Write(s => Run(s, ForgetSeen, ("$windowStart", cutoff.UtcTicks)));

    /// <summary>When the subscription's next message becomes available (maybe already); null when it has none.</summary>
    public DateTimeOffset? NextVisibleAt(string entity, string subscription) => database.Read(s =>
        Command(s, NextVisible, ("$e", entity), ("$s", subscription)).ExecuteScalar() is long ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : (DateTimeOffset?)null);

    public Task<LockedMessage?> TryClaimAsync(string entity, string subscription, string lockToken, DateTimeOffset now, DateTimeOffset lockedUntil) => database.WriteAsync(s =>
        Locked(Command(s, Claim, ("$e", entity), ("$s", subscription), ("$t", lockToken), ("$now", now.UtcTicks), ("$until", lockedUntil.UtcTicks)), lockToken)
            .SingleOrDefault());

    public IReadOnlyList<LockedMessage> ClaimDeadLettered(string entity, string subscription, int limit, string lockToken, DateTimeOffset now, DateTimeOffset lockedUntil) =>
        database.Write(s => Locked(Command(s, ClaimDeadLetters, ("$e", entity), ("$s", subscription), ("$t", lockToken), ("$now", now.UtcTicks),
            ("$until", lockedUntil.UtcTicks), ("$limit", limit)), lockToken));

    /// <summary>Removes the message for good; false when its lock was lost (it expired and another consumer took it).</summary>
    public async Task<bool> CompletedAsync(LockedMessage message) => await database.WriteAsync(s => Run(s, Complete, ("$seq", message.Seq), ("$t", message.LockToken))) == 1;

    public bool Renewed(LockedMessage message, DateTimeOffset lockedUntil) =>
        database.Write(s => Run(s, Renew, ("$seq", message.Seq), ("$t", message.LockToken), ("$until", lockedUntil.UtcTicks))) == 1;

    /// <summary>Unlocks the message, available again from <paramref name="availableAt"/>; <paramref name="uncount"/> gives its delivery back (a stop, not a failure).</summary>
    public Task<int> UnlockedAsync(LockedMessage message, DateTimeOffset availableAt, bool uncount = false) =>
        database.WriteAsync(s => Run(s, Unlock, ("$seq", message.Seq), ("$t", message.LockToken), ("$until", availableAt.UtcTicks), ("$uncount", uncount ? 1 : 0)));

    public Task<int> DeadLetteredAsync(LockedMessage message, string reason, DateTimeOffset now) =>
        database.WriteAsync(s => Run(s, DeadLetter, ("$seq", message.Seq), ("$t", message.LockToken), ("$r", reason), ("$now", now.UtcTicks)));

    public int PurgeQueueDeadLetters(string entity, DateTimeOffset before, int limit, DateTimeOffset now) =>
        database.Write(s => Run(s, PurgeDeadLetters, ("$e", entity), ("$before", before.UtcTicks), ("$now", now.UtcTicks), ("$limit", limit)));

    public IReadOnlyList<RecordedMessage> DeadLetters(string entity) => database.Read(s =>
    {
        var found = new List<RecordedMessage>();
        using var reader = Command(s, SelectDeadLetters, ("$e", entity)).ExecuteReader();
        while (reader.Read())
        {
            var subscription = reader.GetString(4);
            found.Add(new RecordedMessage(reader.GetString(0), reader.GetString(1), Properties(reader.GetString(2)),
                new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero), subscription.Length == 0 ? null : subscription, reader.GetString(5)));
        }

        return found;
    });

    public long Pending(string entity, string subscription) =>
        database.Read(s => (long)Command(s, CountPending, ("$e", entity), ("$s", subscription)).ExecuteScalar()!);

    private static List<LockedMessage> Locked(SqliteCommand command, string lockToken)
    {
        var found = new List<LockedMessage>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var message = new BusMessage(reader.GetString(1), reader.GetString(2), Properties(reader.GetString(3)));
            found.Add(new LockedMessage(reader.GetInt64(0), lockToken, message, reader.GetInt32(4)));
        }

        return found;
    }

    private static Dictionary<string, string> Properties(string json) => JsonSerializer.Deserialize<Dictionary<string, string>>(json)!;

    private static int Run(SqliteSession session, string sql, params (string Name, object Value)[] parameters) =>
        Command(session, sql, parameters).ExecuteNonQuery();

    private static SqliteCommand Command(SqliteSession session, string sql, params (string Name, object Value)[] parameters)
    {
        var command = session.Command(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }
}

/// <summary>A message this consumer holds the lock of (<see cref="LockToken"/>), and how many times it has been handed out, this one included.</summary>
internal sealed record LockedMessage(long Seq, string LockToken, BusMessage Message, int DeliveryCount);
