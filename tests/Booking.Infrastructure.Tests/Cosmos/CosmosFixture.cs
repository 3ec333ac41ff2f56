using Booking.Infrastructure.Cosmos;
using Booking.Infrastructure.Tests.Storage;
using Booking.Tests.Shared;
using Microsoft.Azure.Cosmos;

namespace Booking.Infrastructure.Tests.Cosmos;

/// <summary>A Cosmos endpoint (local server unless COSMOS_ENDPOINT is set) and a database of this run's own.</summary>
public class CosmosFixture : IAsyncLifetime
{
    public LocalCosmosServer Server { get; private set; } = null!;

    public CosmosClient Client { get; private set; } = null!;

    public CosmosOptions Options { get; private set; } = null!;

    public CosmosContainers Containers { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await StartServerAsync();
        Options = new CosmosOptions
        {
            Endpoint = Server.Endpoint,
            Key = Server.Key,
            DatabaseName = "contract-" + Guid.NewGuid().ToString("N")[..12],
            AcceptAnyServerCertificate = true,
            CreateIfNotExists = true,
        };
        var map = CosmosContainerMap.Default.Map<ContractDocument>("Contract").Map<SortedContractDocument>("Contract").Map<OtherContractDocument>("Contract");
        foreach (var logicalName in map.LogicalNames)
        {
            Options.Containers[logicalName] = logicalName.ToLowerInvariant();
        }

        Client = CosmosClientFactory.Create(Options, isDevelopment: true);
        Containers = new CosmosContainers(Client, Options, map);
        await Containers.ForAsync(typeof(ContractDocument), CancellationToken.None);
    }

    public Container Container => Client.GetContainer(Options.DatabaseName, "contract");

    protected virtual Task<LocalCosmosServer> StartServerAsync() => LocalCosmosServer.StartAsync();

    public async Task DisposeAsync()
    {
        try
        {
            if (!Server.IsLocal)
            {
                await Client.GetDatabase(Options.DatabaseName).DeleteAsync();
            }
        }
        finally
        {
            Client.Dispose();
            await Server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class CosmosCollection : ICollectionFixture<CosmosFixture>
{
    public const string Name = "cosmos";
}

/// <summary>
/// The local compatibility layer whatever COSMOS_ENDPOINT says, for tests that need its controls (throttling, the request
/// record), with the client as the app configures it (its retry budget for 429 included).
/// </summary>
public sealed class CompatLayerCosmosFixture : CosmosFixture
{
    public CosmosCompatControl Control => Server.Control!;

    protected override Task<LocalCosmosServer> StartServerAsync() => LocalCosmosServer.StartCompatLayerAsync();
}

[CollectionDefinition(Name)]
public sealed class CompatLayerCosmosCollection : ICollectionFixture<CompatLayerCosmosFixture>
{
    public const string Name = "cosmos-compat-layer";
}
