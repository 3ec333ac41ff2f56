namespace Booking.Application.Retention;

/// <summary>
/// Removes documents whose expiry has passed, for stores that don't expire them themselves
/// (Cosmos DB does it by TTL and has nothing to purge).
/// </summary>
public interface IExpiredDocumentPurger
{
    string Collection { get; }

    Task<int> PurgeExpiredAsync(CancellationToken cancellationToken);
}
