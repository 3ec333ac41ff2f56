using Booking.Application.Storage;
using NodaTime;

namespace Booking.Faults;

/// <summary>A document store whose every call may fail before, during (timeout) or after its work.</summary>
public class FaultyDocumentStore<T>(IDocumentStore<T> inner, FaultInjector faults) : IDocumentStore<T>
    where T : class
{
    private static readonly string Name = typeof(T).Name;

    public IDocumentStore<T> Inner => inner;

    /// <summary>One call (as the adapters answer it: one request), so it fails as one.</summary>
    public Task<(Versioned<T>? Document, Versioned<TOther>? Other)> ReadWithAsync<TOther>(
        DocumentKey key, IDocumentStore<TOther> others, string otherId, CancellationToken cancellationToken)
        where TOther : class =>
        faults.RunAsync(
            FaultTarget.Store,
            $"read of a {Name} with a {typeof(TOther).Name}",
            () => inner.ReadWithAsync(key, others is FaultyDocumentStore<TOther> faulty ? faulty.Inner : others, otherId, cancellationToken),
            cancellationToken);

    public Task<Versioned<T>?> ReadAsync(DocumentKey key, CancellationToken cancellationToken) =>
        faults.RunAsync(FaultTarget.Store, $"read of a {Name}", () => inner.ReadAsync(key, cancellationToken), cancellationToken);

    public Task<string?> TryCreateAsync(DocumentKey key, T document, Instant? expiresAt, CancellationToken cancellationToken) =>
        faults.RunAsync(FaultTarget.Store, $"create of a {Name}", () => inner.TryCreateAsync(key, document, expiresAt, cancellationToken), cancellationToken);

    public Task<string?> TryReplaceAsync(DocumentKey key, T document, string ifMatch, Instant? expiresAt, CancellationToken cancellationToken) =>
        faults.RunAsync(FaultTarget.Store, $"replace of a {Name}", () => inner.TryReplaceAsync(key, document, ifMatch, expiresAt, cancellationToken), cancellationToken);

    public Task<string> UpsertAsync(DocumentKey key, T document, Instant? expiresAt, CancellationToken cancellationToken) =>
        faults.RunAsync(FaultTarget.Store, $"upsert of a {Name}", () => inner.UpsertAsync(key, document, expiresAt, cancellationToken), cancellationToken);

    public Task<bool> DeleteAsync(DocumentKey key, CancellationToken cancellationToken) =>
        faults.RunAsync(FaultTarget.Store, $"delete of a {Name}", () => inner.DeleteAsync(key, cancellationToken), cancellationToken);

    public Task PurgeHistoryAsync(CancellationToken cancellationToken) =>
        faults.RunAsync(FaultTarget.Store, $"history purge of {Name}", () => inner.PurgeHistoryAsync(cancellationToken), cancellationToken);

    public Task<IReadOnlyList<Versioned<T>>> ReadPartitionAsync(string partition, CancellationToken cancellationToken) =>
        faults.RunAsync(FaultTarget.Store, $"partition read of {Name}", () => inner.ReadPartitionAsync(partition, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<Versioned<T>>> ReadRangeAsync(string partition, string fromId, string toIdInclusive, CancellationToken cancellationToken) =>
        faults.RunAsync(FaultTarget.Store, $"range read of {Name}", () => inner.ReadRangeAsync(partition, fromId, toIdInclusive, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<Versioned<T>>> QueryPartitionAsync(string partition, SortedQuery query, CancellationToken cancellationToken) =>
        faults.RunAsync(FaultTarget.Store, $"sorted query of {Name}", () => inner.QueryPartitionAsync(partition, query, cancellationToken), cancellationToken);
}
