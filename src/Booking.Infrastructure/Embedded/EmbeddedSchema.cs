namespace Booking.Infrastructure.Embedded;

/// <summary>
/// The tables of the embedded database, made on first open (by whichever process comes first: in one transaction).
/// <c>documents</c>: one row per document, keyed by collection (the document type), partition and id, with its ETag,
/// its expiry (Unix ticks, UTC; null: never), its JSON and, for an <see cref="Domain.Common.ISortedDocument"/>, its sort
/// key and tags (a JSON array; null on other documents), indexed for ordered partition queries. <c>bus_*</c>: the embedded bus (see <see cref="EmbeddedMessageBus"/>).
/// </summary>
internal static class EmbeddedSchema
{
    /// <summary>Written to <c>PRAGMA user_version</c>; a file of a later version is refused rather than misread.</summary>
    public const int Version = 4;

    // Version 1 had no sort key: a file it wrote gains the columns (null: no sorted documents yet) and keeps its rows.
    private const string FromVersion1 = """
        ALTER TABLE documents ADD COLUMN sort_key TEXT;
        ALTER TABLE documents ADD COLUMN tags TEXT;
        """;

    private const string Tables = """
        CREATE TABLE IF NOT EXISTS documents (
            collection TEXT NOT NULL,
            partition TEXT NOT NULL,
            id TEXT NOT NULL,
            etag TEXT NOT NULL,
            expires_at INTEGER,
            json BLOB NOT NULL,
            sort_key TEXT,
            tags TEXT,
            PRIMARY KEY (collection, partition, id));
        CREATE INDEX IF NOT EXISTS documents_by_expiry ON documents (expires_at) WHERE expires_at IS NOT NULL;
        CREATE INDEX IF NOT EXISTS documents_by_sort_key ON documents (collection, partition, sort_key) WHERE sort_key IS NOT NULL;

        CREATE TABLE IF NOT EXISTS bus_subscriptions (
            entity TEXT NOT NULL,
            subscription TEXT NOT NULL,
            PRIMARY KEY (entity, subscription));
        CREATE TABLE IF NOT EXISTS bus_seen (
            entity TEXT NOT NULL,
            message_id TEXT NOT NULL,
            seen_at INTEGER NOT NULL,
            PRIMARY KEY (entity, message_id));
        CREATE INDEX IF NOT EXISTS bus_seen_by_time ON bus_seen (seen_at);
        CREATE TABLE IF NOT EXISTS bus_messages (
            seq INTEGER PRIMARY KEY,
            entity TEXT NOT NULL,
            subscription TEXT NOT NULL,
            message_id TEXT NOT NULL,
            body TEXT NOT NULL,
            properties TEXT NOT NULL,
            enqueued_at INTEGER NOT NULL,
            visible_at INTEGER NOT NULL,
            delivery_count INTEGER NOT NULL,
            lock_token TEXT,
            dead_letter_reason TEXT,
            dead_lettered_at INTEGER);
        CREATE INDEX IF NOT EXISTS bus_messages_ready ON bus_messages (entity, subscription, visible_at) WHERE dead_letter_reason IS NULL;
        CREATE INDEX IF NOT EXISTS bus_messages_dead ON bus_messages (entity, subscription, dead_lettered_at) WHERE dead_letter_reason IS NOT NULL;
        """;

    /// <param name="nextETag">Makes the ETag of a document a migration changes.</param>
    public static int Create(SqliteSession session, Func<string> nextETag) => session.InTransaction(() =>
    {
        var found = session.Pragma("PRAGMA user_version")[0];
        if (found > Version)
        {
            throw new InvalidOperationException($"The embedded database was written by a later version (schema {found}; this one reads {Version}).");
        }

        if (found == 1)
        {
            session.Command(FromVersion1).ExecuteNonQuery();
        }

        session.Command(Tables).ExecuteNonQuery();
        if (found is 1 or 2)
        {
            AppointmentShardMigration.Run(session);
        }

        if (found is >= 1 and <= 3)
        {
            SearchKeysMigration.Run(session, nextETag);
        }

        session.Command($"PRAGMA user_version = {Version}").ExecuteNonQuery();
        return Version;
    });
}
