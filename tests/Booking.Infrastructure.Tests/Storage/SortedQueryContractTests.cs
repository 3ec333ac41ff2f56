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

    public DefaultSortedQueryContractTests() => Store = new RequiredOperationsOnly<SortedContractDocument>(new EmbeddedDocumentStore<SortedContractDocument>(_database, TimeProvider.System));

    protected override IDocumentStore<SortedContractDocument> Store { get; }

    public void Dispose() => _database.Dispose();
}
