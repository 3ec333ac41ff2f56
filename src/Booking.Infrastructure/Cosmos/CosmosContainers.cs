using Microsoft.Azure.Cosmos;

namespace Booking.Infrastructure.Cosmos;

/// <summary>
/// The containers of the configured database, by document type. With <c>Cosmos:CreateIfNotExists</c>, the
/// database and every mapped container (partition key <c>/pk</c>, per-item TTL on) are created once, before first use.
/// </summary>
public sealed class CosmosContainers(CosmosClient client, CosmosOptions options, CosmosContainerMap map)
{
    public const string PartitionKeyPath = "/pk";

    private readonly Lock _gate = new();
    private Task? _creation;

    public async ValueTask<Container> ForAsync(Type documentType, CancellationToken ct)
    {
        var name = options.ContainerName(map.LogicalNameOf(documentType));
        if (options.CreateIfNotExists)
        {
            await EnsureCreatedAsync().WaitAsync(ct);
        }

        return client.GetContainer(options.DatabaseName, name);
    }

    /// <summary>One creation for all callers; a failed one is tried again by the next caller.</summary>
    private Task EnsureCreatedAsync()
    {
        lock (_gate)
        {
            if (_creation is null || _creation.IsFaulted || _creation.IsCanceled)
            {
                _creation = CreateAsync();
            }

            return _creation;
        }
    }

    private async Task CreateAsync()
    {
        Database database = await CosmosCall.GuardAsync(
            "create-database", "database", () => client.CreateDatabaseIfNotExistsAsync(options.DatabaseName), CancellationToken.None);
        foreach (var logicalName in map.LogicalNames)
        {
            var properties = new ContainerProperties(options.ContainerName(logicalName), PartitionKeyPath) { DefaultTimeToLive = -1 };
            await CosmosCall.GuardAsync(
                "create-container", logicalName, () => database.CreateContainerIfNotExistsAsync(properties), CancellationToken.None);
        }
    }
}
