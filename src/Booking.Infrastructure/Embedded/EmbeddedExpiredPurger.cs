using Booking.Application.Common;
using Booking.Application.Retention;

namespace Booking.Infrastructure.Embedded;

/// <summary>
/// Deletes documents past their expiry from every embedded collection (reads already treat them as absent):
/// what Cosmos DB's TTL does by itself — idempotency records, delivery logs, reminder entries, rate windows.
/// </summary>
public sealed class EmbeddedExpiredPurger(EmbeddedDatabase database, TimeProvider time) : IRetentionPurger
{
    public string DataClass => "expired documents (embedded store)";

    public Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var now = time.GetCurrentInstant();
        var removed = 0;
        foreach (var collection in database.Collections)
        {
            lock (collection.Gate)
            {
                foreach (var entry in collection.All().Where(e => e.IsExpired(now)).ToList())
                {
                    collection.Apply(entry.Partition, entry.Id, null);
                    removed++;
                }
            }
        }

        return Task.FromResult(removed);
    }
}
