using Booking.Application.Storage;
using Booking.Infrastructure.Cosmos;
using Booking.Infrastructure.Tests.Storage;

namespace Booking.Infrastructure.Tests.Cosmos;

/// <summary>How many requests the Cosmos adapter makes for a read of two kinds at once (the answers are the contract's).</summary>
[Collection(CosmosCollection.Name)]
public sealed class CosmosReadWithTests(CosmosFixture cosmos)
{
    private readonly string _partition = "read-with:" + Guid.NewGuid().ToString("N");

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task AnswersWithOneQueryGivenBothKindsInOneContainer()
    {
        var store = new CosmosDocumentStore<ContractDocument>(cosmos.Containers, TimeProvider.System);
        var others = new CosmosDocumentStore<OtherContractDocument>(cosmos.Containers, TimeProvider.System);
        await SeedAsync(store, others);

        using var requests = new CosmosRequests();
        var (document, other) = await store.ReadWithAsync(new DocumentKey(_partition, "profile"), others, "day-2026-12-01", Ct);

        Assert.Equal(("profile", "day"), (document?.Value.Name, other?.Value.Label));
        Assert.Equal([$"query {nameof(ContractDocument)}"], requests.Operations);
    }

    [Fact]
    public async Task AnswersWithTwoPointReadsGivenTheKindsInTwoContainers()
    {
        var map = CosmosContainerMap.Default.Map<ContractDocument>("Contract").Map<OtherContractDocument>("Directory");
        var containers = new CosmosContainers(cosmos.Client, cosmos.Options, map);
        var store = new CosmosDocumentStore<ContractDocument>(containers, TimeProvider.System);
        var others = new CosmosDocumentStore<OtherContractDocument>(containers, TimeProvider.System);
        await SeedAsync(store, others);

        using var requests = new CosmosRequests();
        var (document, other) = await store.ReadWithAsync(new DocumentKey(_partition, "profile"), others, "day-2026-12-01", Ct);

        Assert.Equal(("profile", "day"), (document?.Value.Name, other?.Value.Label));
        Assert.Equal([$"read {nameof(ContractDocument)}", $"read {nameof(OtherContractDocument)}"], requests.Operations);
    }

    private async Task SeedAsync(CosmosDocumentStore<ContractDocument> store, CosmosDocumentStore<OtherContractDocument> others)
    {
        await store.TryCreateAsync(new DocumentKey(_partition, "profile"), ContractDocument.Named("profile"), null, Ct);
        await others.TryCreateAsync(new DocumentKey(_partition, "day-2026-12-01"), new OtherContractDocument("day", [9]), null, Ct);
    }
}
