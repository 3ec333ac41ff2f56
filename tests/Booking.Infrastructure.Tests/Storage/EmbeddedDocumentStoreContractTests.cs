using Booking.Application.Storage;
using Booking.Infrastructure.Embedded;
using Booking.Infrastructure.Tests.Embedded;
using Microsoft.Extensions.Options;

namespace Booking.Infrastructure.Tests.Storage;

/// <summary>The contract on the embedded store as the local host runs it: an SQLite file in WAL mode under a data directory.</summary>
public sealed class EmbeddedDocumentStoreContractTests : DocumentStoreContract, IDisposable
{
    private readonly TemporaryDataDirectory _data = new();
    private readonly EmbeddedDatabase _database;

    public EmbeddedDocumentStoreContractTests()
    {
        _database = new(Options.Create(new EmbeddedStorageOptions { DataDirectory = _data.Root }));
        Store = new EmbeddedDocumentStore<ContractDocument>(_database, TimeProvider.System);
    }

    protected override IDocumentStore<ContractDocument> Store { get; }

    public void Dispose()
    {
        _database.Dispose();
        _data.Dispose();
    }
}

/// <summary>The contract on the embedded store in memory, as the application tests use it.</summary>
public sealed class InMemoryEmbeddedDocumentStoreContractTests : DocumentStoreContract, IDisposable
{
    private readonly EmbeddedDatabase _database = new(Options.Create(new EmbeddedStorageOptions()));

    public InMemoryEmbeddedDocumentStoreContractTests() => Store = new EmbeddedDocumentStore<ContractDocument>(_database, TimeProvider.System);

    protected override IDocumentStore<ContractDocument> Store { get; }

    public void Dispose() => _database.Dispose();
}
