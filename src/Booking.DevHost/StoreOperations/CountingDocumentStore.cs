using Booking.Application.Storage;
using NodaTime;

namespace Booking.DevHost.StoreOperations;

/// <summary>
/// Counts each call that reaches the store, whatever its outcome (a create that finds the document there is still one
/// operation, as Cosmos DB bills it), into the current request's <see cref="StoreOperationCounts"/>. A partition read is
/// one query, and so is a read of two kinds at once. Development only.
/// </summary>
public class CountingDocumentStore<T>(IDocumentStore<T> inner) : IDocumentStore<T>
    where T : class
{
    /// <summary>The store counted, so that a read of two kinds at once reaches the adapter with the adapter's own stores.</summary>
    public IDocumentStore<T> Inner => inner;

    public Task<Versioned<T>?> ReadAsync(DocumentKey key, CancellationToken cancellationToken)
    {
        StoreOperationCounts.Current?.Read();
        return inner.ReadAsync(key, cancellationToken);
    }

    /// <summary>One query (one request; on Cosmos DB, a query), whatever the adapter does below.</summary>
    public Task<(Versioned<T>? Document, Versioned<TOther>? Other)> ReadWithAsync<TOther>(
        DocumentKey key, IDocumentStore<TOther> others, string otherId, CancellationToken cancellationToken)
        where TOther : class
    {
        StoreOperationCounts.Current?.Query();
        return inner.ReadWithAsync(key, others is CountingDocumentStore<TOther> counting ? counting.Inner : others, otherId, cancellationToken);
    }

    public Task<string?> TryCreateAsync(DocumentKey key, T document, Instant? expiresAt, CancellationToken cancellationToken)
    {
        StoreOperationCounts.Current?.Create();
        return inner.TryCreateAsync(key, document, expiresAt, cancellationToken);
    }

    public Task<string?> TryReplaceAsync(DocumentKey key, T document, string ifMatch, Instant? expiresAt, CancellationToken cancellationToken)
    {
        StoreOperationCounts.Current?.Replace();
        return inner.TryReplaceAsync(key, document, ifMatch, expiresAt, cancellationToken);
    }

    public Task<string> UpsertAsync(DocumentKey key, T document, Instant? expiresAt, CancellationToken cancellationToken)
    {
        StoreOperationCounts.Current?.Upsert();
        return inner.UpsertAsync(key, document, expiresAt, cancellationToken);
    }

    public Task<bool> DeleteAsync(DocumentKey key, CancellationToken cancellationToken)
    {
        StoreOperationCounts.Current?.Delete();
        return inner.DeleteAsync(key, cancellationToken);
    }

    public Task PurgeHistoryAsync(CancellationToken cancellationToken) => inner.PurgeHistoryAsync(cancellationToken);

    public Task<IReadOnlyList<Versioned<T>>> ReadPartitionAsync(string partition, CancellationToken cancellationToken)
    {
        StoreOperationCounts.Current?.Query();
        return inner.ReadPartitionAsync(partition, cancellationToken);
    }

    public Task<IReadOnlyList<Versioned<T>>> ReadRangeAsync(string partition, string fromId, string toIdInclusive, CancellationToken cancellationToken)
    {
        StoreOperationCounts.Current?.Query();
        return inner.ReadRangeAsync(partition, fromId, toIdInclusive, cancellationToken);
    }

    public Task<IReadOnlyList<Versioned<T>>> QueryPartitionAsync(string partition, SortedQuery query, CancellationToken cancellationToken)
    {
        StoreOperationCounts.Current?.Query();
        return inner.QueryPartitionAsync(partition, query, cancellationToken);
    }
}
