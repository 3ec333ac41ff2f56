using Booking.Application.Storage;
using Booking.Infrastructure.Cosmos;
using Booking.Infrastructure.Tests.Cosmos;

namespace Booking.Infrastructure.Tests.Storage;

[Collection(CosmosCollection.Name)]
public sealed class CosmosDocumentStoreContractTests(CosmosFixture cosmos) : DocumentStoreContract
{
    protected override IDocumentStore<ContractDocument> Store { get; } =
        new CosmosDocumentStore<ContractDocument>(cosmos.Containers, TimeProvider.System);
}
