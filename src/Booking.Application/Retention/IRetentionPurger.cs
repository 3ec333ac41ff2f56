namespace Booking.Application.Retention;

/// <summary>
/// Removes one class of data whose retention has passed. Where a store expires documents itself (Cosmos DB
/// TTL, blob lifecycle rules) there is no purger for it; the embedded store, the local access log and the
/// appointments (kept a set time after they end) have one each.
/// </summary>
public interface IRetentionPurger
{
    /// <summary>What it removes, for the count in the log.</summary>
    string DataClass { get; }

    Task<int> PurgeAsync(CancellationToken cancellationToken);
}
