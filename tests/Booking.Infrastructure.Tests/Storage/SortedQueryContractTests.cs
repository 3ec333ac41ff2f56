using Booking.Application.Storage;
using Booking.Infrastructure.Cosmos;
using Booking.Infrastructure.Embedded;
using Booking.Infrastructure.Tests.Cosmos;
using Booking.Infrastructure.Tests.Embedded;
using Microsoft.Extensions.Options;

namespace Booking.Infrastructure.Tests.Storage;

[Collection(CosmosCollection.Name)]
public sealed class CosmosSortedQueryContractTests(CosmosFixture cosmos) : SortedQueryContract
{
    protected override IDocumentStore<SortedContractDocument> Store { get; } =
        new CosmosDocumentStore<SortedContractDocument>(cosmos.Containers, TimeProvider.System);
}

/// <summary>The sorted query on the embedded store as the local host runs it: an SQLite file under a data directory.</summary>
public sealed class EmbeddedSortedQueryContractTests : SortedQueryContract, IDisposable
{
    private readonly TemporaryDataDirectory _data = new();
    private readonly EmbeddedDatabase _database;

    public EmbeddedSortedQueryContractTests()
    {
        _database = new(Options.Create(new EmbeddedStorageOptions { DataDirectory = _data.Root }));
        Store = new EmbeddedDocumentStore<SortedContractDocument>(_database, TimeProvider.System);
    }

    protected override IDocumentStore<SortedContractDocument> Store { get; }

    public void Dispose()
    {
        _database.Dispose();
        _data.Dispose();
    }
}

/// <summary>The port's own answer, for a decorator that does not forward the call: the partition read whole, sorted here.</summary>
public sealed class DefaultSortedQueryContractTests : SortedQueryContract, IDisposable
{
    private readonly EmbeddedDatabase _database = new(Options.Create(new EmbeddedStorageOptions()));

    public DefaultSortedQueryContractTests() => Store = new PartitionReadsOnly<SortedContractDocument>(new EmbeddedDocumentStore<SortedContractDocument>(_database, TimeProvider.System));

    protected override IDocumentStore<SortedContractDocument> Store { get; }

    public void Dispose() => _database.Dispose();

    private sealed class PartitionReadsOnly<T>(IDocumentStore<T> inner) : IDocumentStore<T>
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
}
