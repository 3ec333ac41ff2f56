using Booking.Application.Storage;
using Booking.Infrastructure.Embedded;
using Microsoft.Extensions.Options;

namespace Booking.Infrastructure.Tests.Storage;

public sealed class EmbeddedDocumentStoreContractTests : DocumentStoreContract, IDisposable
{
    private readonly EmbeddedDatabase _database = new(Options.Create(new EmbeddedStorageOptions()));

    public EmbeddedDocumentStoreContractTests() => Store = new EmbeddedDocumentStore<ContractDocument>(_database, TimeProvider.System);

    protected override IDocumentStore<ContractDocument> Store { get; }

    public void Dispose() => _database.Dispose();
}
