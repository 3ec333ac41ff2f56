using Booking.Application.Storage;
using Booking.Infrastructure.Cosmos;
using Booking.Infrastructure.Embedded;
using Booking.Infrastructure.Tests.Cosmos;
using Booking.Infrastructure.Tests.Embedded;
using Microsoft.Extensions.Options;

namespace Booking.Infrastructure.Tests.Storage;

/// <summary>On Cosmos, both kinds in one container (as a practitioner's profile and days are): one query.</summary>
[Collection(CosmosCollection.Name)]
public sealed class CosmosReadWithContractTests(CosmosFixture cosmos) : ReadWithContract
{
    protected override IDocumentStore<ContractDocument> Store { get; } = new CosmosDocumentStore<ContractDocument>(cosmos.Containers, TimeProvider.System);

    protected override IDocumentStore<OtherContractDocument> Others { get; } =
        new CosmosDocumentStore<OtherContractDocument>(cosmos.Containers, TimeProvider.System);
}

/// <summary>On the embedded store as the local host runs it, both kinds on one SQLite file: one SELECT.</summary>
public sealed class EmbeddedReadWithContractTests : ReadWithContract, IDisposable
{
    private readonly TemporaryDataDirectory _data = new();
    private readonly EmbeddedDatabase _database;

    public EmbeddedReadWithContractTests()
    {
        _database = new(Options.Create(new EmbeddedStorageOptions { DataDirectory = _data.Root }));
        Store = new EmbeddedDocumentStore<ContractDocument>(_database, TimeProvider.System);
        Others = new EmbeddedDocumentStore<OtherContractDocument>(_database, TimeProvider.System);
    }

    protected override IDocumentStore<ContractDocument> Store { get; }

    protected override IDocumentStore<OtherContractDocument> Others { get; }

    public void Dispose()
    {
        _database.Dispose();
        _data.Dispose();
    }
}

/// <summary>The port's own answer, for a decorator that does not forward the call: two point reads.</summary>
public sealed class DefaultReadWithContractTests : ReadWithContract, IDisposable
{
    private readonly EmbeddedDatabase _database = new(Options.Create(new EmbeddedStorageOptions()));

    public DefaultReadWithContractTests()
    {
        Store = new RequiredOperationsOnly<ContractDocument>(new EmbeddedDocumentStore<ContractDocument>(_database, TimeProvider.System));
        Others = new RequiredOperationsOnly<OtherContractDocument>(new EmbeddedDocumentStore<OtherContractDocument>(_database, TimeProvider.System));
    }

    protected override IDocumentStore<ContractDocument> Store { get; }

    protected override IDocumentStore<OtherContractDocument> Others { get; }

    public void Dispose() => _database.Dispose();
}

/// <summary>The embedded adapter given a store on another database: two reads, each from its own database.</summary>
public sealed class TwoDatabasesReadWithContractTests : ReadWithContract, IDisposable
{
    private readonly EmbeddedDatabase _database = new(Options.Create(new EmbeddedStorageOptions()));
    private readonly EmbeddedDatabase _otherDatabase = new(Options.Create(new EmbeddedStorageOptions()));

    public TwoDatabasesReadWithContractTests()
    {
        Store = new EmbeddedDocumentStore<ContractDocument>(_database, TimeProvider.System);
        Others = new EmbeddedDocumentStore<OtherContractDocument>(_otherDatabase, TimeProvider.System);
    }

    protected override IDocumentStore<ContractDocument> Store { get; }

    protected override IDocumentStore<OtherContractDocument> Others { get; }

    public void Dispose()
    {
        _database.Dispose();
        _otherDatabase.Dispose();
    }
}
