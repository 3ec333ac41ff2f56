using Booking.Domain.Common;
using NodaTime;

namespace Booking.Application.Storage;

/// <summary>
/// A store of documents of one kind with the guarantees every invariant here rests on: create-if-absent,
/// replace-if-unchanged (ETag) and expiry. Adapters: embedded (local) and Cosmos DB. Writes are atomic per document.
/// </summary>
public interface IDocumentStore<T>
    where T : class
{
    /// <summary>The document, or null when it does not exist or has expired.</summary>
    Task<Versioned<T>?> ReadAsync(DocumentKey key, CancellationToken cancellationToken);

    /// <summary>
    /// This document and the one of another kind at <paramref name="otherId"/> in the same partition (a practitioner's
    /// profile and one of their days), each null when it does not exist or has expired, exactly as
    /// <see cref="ReadAsync"/> would answer it, with the ETag a read gives. Adapters answer it in one request when both
    /// kinds live together (one SQL statement; one single-partition query of one Cosmos container); the default is two
    /// point reads, what a decorator gets unless it forwards the call.
    /// </summary>
    async Task<(Versioned<T>? Document, Versioned<TOther>? Other)> ReadWithAsync<TOther>(
        DocumentKey key, IDocumentStore<TOther> others, string otherId, CancellationToken cancellationToken)
        where TOther : class =>
        (await ReadAsync(key, cancellationToken), await others.ReadAsync(new DocumentKey(key.Partition, otherId), cancellationToken));

    /// <summary>Creates the document unless one exists at <paramref name="key"/>: returns its ETag, or null when it existed.</summary>
    Task<string?> TryCreateAsync(DocumentKey key, T document, Instant? expiresAt, CancellationToken cancellationToken);

    /// <summary>Replaces the document if its ETag is still <paramref name="ifMatch"/>: returns the new ETag, or null when it changed or vanished.</summary>
    Task<string?> TryReplaceAsync(DocumentKey key, T document, string ifMatch, Instant? expiresAt, CancellationToken cancellationToken);

    /// <summary>Writes the document whatever was there.</summary>
    Task<string> UpsertAsync(DocumentKey key, T document, Instant? expiresAt, CancellationToken cancellationToken);

    /// <summary>Deletes the document; false when it was not there.</summary>
    Task<bool> DeleteAsync(DocumentKey key, CancellationToken cancellationToken);

    /// <summary>
    /// Makes deleted documents and earlier versions of this kind physically gone from the store's own files, so a copy
    /// of them holds only what is live. Erasure calls it after destroying a data key. The embedded store rewrites the
    /// collection (costly: call it rarely); Cosmos DB keeps no earlier versions in its live store, so there it does
    /// nothing (its backups are bounded by the KEK epochs, see docs/security.md).
    /// </summary>
    Task PurgeHistoryAsync(CancellationToken cancellationToken);

    /// <summary>Every live document of one partition: a single-partition query, never a fan-out.</summary>
    Task<IReadOnlyList<Versioned<T>>> ReadPartitionAsync(string partition, CancellationToken cancellationToken);

    /// <summary>
    /// The live documents of one partition whose ids lie between <paramref name="fromId"/> and <paramref name="toIdInclusive"/>
    /// (ordinal comparison, both included; for ids stored as they are, such as <c>day-YYYY-MM-DD</c>): one single-partition
    /// query. The default reads the partition and filters; adapters answer it with a range of their index.
    /// </summary>
    async Task<IReadOnlyList<Versioned<T>>> ReadRangeAsync(string partition, string fromId, string toIdInclusive, CancellationToken cancellationToken) =>
        [.. (await ReadPartitionAsync(partition, cancellationToken)).Where(d =>
            string.CompareOrdinal(d.Key.Id, fromId) >= 0 && string.CompareOrdinal(d.Key.Id, toIdInclusive) <= 0)];

    /// <summary>
    /// A page of one partition's <see cref="ISortedDocument"/>s in sort-key order (see <see cref="SortedQuery"/>): one
    /// single-partition query that reads only that page, by an index on the stored sort key. The default reads the
    /// partition whole and sorts it here, the same answer at a higher cost: what a decorator gets unless it forwards
    /// the call. Documents past their expiry are left out, so a page may come short while some await deletion.
    /// </summary>
    async Task<IReadOnlyList<Versioned<T>>> QueryPartitionAsync(string partition, SortedQuery query, CancellationToken cancellationToken) =>
        query.Apply(await ReadPartitionAsync(partition, cancellationToken));
}
