using Booking.Application.Common;
using Booking.Application.Retention;

namespace Booking.Infrastructure.Embedded;

/// <summary>Deletes expired documents from every embedded collection (reads already treat them as absent).</summary>
public sealed class EmbeddedExpiredPurger(EmbeddedDatabase database, TimeProvider time) : IExpiredDocumentPurger
{
    public string Collection => "embedded";

    public Task<int> PurgeExpiredAsync(CancellationToken cancellationToken)
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
