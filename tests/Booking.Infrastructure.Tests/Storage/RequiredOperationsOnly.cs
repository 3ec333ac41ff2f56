using Booking.Application.Storage;

namespace Booking.Infrastructure.Tests.Storage;

/// <summary>A decorator that forwards the port's required operations only: the port's defaults answer the others, as they do for any decorator that does not forward them.</summary>
internal sealed class RequiredOperationsOnly<T>(IDocumentStore<T> inner) : IDocumentStore<T>
    where T : class
{
    public Task<Versioned<T>?> ReadAsync(DocumentKey key, CancellationToken cancellationToken) => inner.ReadAsync(key, cancellationToken);

    public Task<string?> TryCreateAsync(DocumentKey key, T document, NodaTime.Instant? expiresAt, CancellationToken cancellationToken) =>
        inner.TryCreateAsync(key, document, expiresAt, cancellationToken);

    public Task<string?> TryReplaceAsync(DocumentKey key, T document, string ifMatch, NodaTime.Instant? expiresAt, CancellationToken cancellationToken) =>
        inner.TryReplaceAsync(key, document, ifMatch, expiresAt, cancellationToken);

    public Task<string> UpsertAsync(DocumentKey key, T document, NodaTime.Instant? expiresAt, CancellationToken cancellationToken) =>
        inner.UpsertAsync(key, document, expiresAt, cancellationToken);

    public Task<bool> DeleteAsync(DocumentKey key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);

    public Task PurgeHistoryAsync(CancellationToken cancellationToken) => inner.PurgeHistoryAsync(cancellationToken);

    public Task<IReadOnlyList<Versioned<T>>> ReadPartitionAsync(string partition, CancellationToken cancellationToken) =>
        inner.ReadPartitionAsync(partition, cancellationToken);
}
