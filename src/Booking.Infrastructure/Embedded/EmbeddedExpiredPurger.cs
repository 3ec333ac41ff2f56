using Booking.Application.Common;
using Booking.Application.Retention;

namespace Booking.Infrastructure.Embedded;

/// <summary>
/// Deletes documents past their expiry from the embedded database (reads already treat them as absent): what Cosmos
/// DB's TTL does by itself — idempotency records, delivery logs, reminder entries, rate windows. In batches, so other
/// writers (here and in other processes) get the write lock between them.
/// </summary>
public sealed class EmbeddedExpiredPurger(EmbeddedDatabase database, TimeProvider time) : IRetentionPurger
{
    public const int BatchSize = 500;

    private const string DeleteExpired = """
        DELETE FROM documents WHERE rowid IN
            (SELECT rowid FROM documents WHERE expires_at IS NOT NULL AND expires_at <= $now LIMIT $batch)
        """;

    public string DataClass => "expired documents (embedded store)";

    public Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var now = time.GetCurrentInstant().ToUnixTimeTicks();
        var removed = 0;
        int batch;
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            batch = database.Write(session =>
            {
                var command = session.Command(DeleteExpired);
                command.Parameters.AddWithValue("$now", now);
                command.Parameters.AddWithValue("$batch", BatchSize);
                return command.ExecuteNonQuery();
            });
            removed += batch;
        }
        while (batch == BatchSize);

        return Task.FromResult(removed);
    }
}
