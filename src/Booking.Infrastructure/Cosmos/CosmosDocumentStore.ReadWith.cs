using System.Text.Json;
using Booking.Application.Common;
using Booking.Application.Storage;
using Microsoft.Azure.Cosmos;

namespace Booking.Infrastructure.Cosmos;

public sealed partial class CosmosDocumentStore<T>
{
    // OR of two (type, id) pairs rather than IN: each pair is a lookup of the id within the partition.
    private const string SelectPair =
        "SELECT * FROM c WHERE c.pk = @pk AND ((c.type = @t1 AND c.id = @i1) OR (c.type = @t2 AND c.id = @i2))";

    /// <summary>The containers this store reads, so that a store of another kind can tell whether one query reads both.</summary>
    internal CosmosContainers Containers => containers;

    /// <summary>
    /// One single-partition query when <paramref name="others"/> is a Cosmos store whose kind shares this kind's container
    /// (a practitioner's profile and days, in Practitioners); otherwise two point reads.
    /// </summary>
    public async Task<(Versioned<T>? Document, Versioned<TOther>? Other)> ReadWithAsync<TOther>(
        DocumentKey key, IDocumentStore<TOther> others, string otherId, CancellationToken cancellationToken)
        where TOther : class
    {
        var otherKey = new DocumentKey(key.Partition, otherId);
        var container = await containers.ForAsync(typeof(T), cancellationToken);
        if (others is not CosmosDocumentStore<TOther> cosmos
            || !ReferenceEquals(cosmos.Containers, containers)
            || !SameContainer(container, await containers.ForAsync(typeof(TOther), cancellationToken)))
        {
            return (await ReadAsync(key, cancellationToken), await others.ReadAsync(otherKey, cancellationToken));
        }

        var id = CosmosIds.Encode(key.Id);
        var otherItemId = CosmosIds.Encode(otherId);
        var otherTypeName = CosmosDocumentStore<TOther>.TypeName;
        var query = new QueryDefinition(SelectPair)
            .WithParameter("@pk", key.Partition)
            .WithParameter("@t1", TypeName)
            .WithParameter("@i1", id)
            .WithParameter("@t2", otherTypeName)
            .WithParameter("@i2", otherItemId);
        var options = new QueryRequestOptions { PartitionKey = new PartitionKey(key.Partition) };
        Versioned<T>? document = null;
        Versioned<TOther>? other = null;
        using var pages = container.GetItemQueryIterator<JsonElement>(query, requestOptions: options);
        while (pages.HasMoreResults)
        {
            var page = await CosmosCall.GuardAsync("query", TypeName, () => pages.ReadNextAsync(cancellationToken), cancellationToken);
            CosmosMetrics.Record("query", TypeName, page.RequestCharge);
            foreach (var element in page)
            {
                // Both tests, not one or the other: a store of the same kind asks for the same item twice.
                if (Is(element, key.Partition, TypeName, id) && element.Deserialize<CosmosItem<T>>(JsonDefaults.Options) is { } mine && IsLive(mine))
                {
                    document = ToVersioned(mine, mine.ETag!);
                }

                if (Is(element, key.Partition, otherTypeName, otherItemId)
                    && element.Deserialize<CosmosItem<TOther>>(JsonDefaults.Options) is { } theirs && cosmos.IsLive(theirs))
                {
                    other = CosmosDocumentStore<TOther>.ToVersioned(theirs, theirs.ETag!);
                }
            }
        }

        return (document, other);
    }

    private static bool SameContainer(Container one, Container other) => one.Id == other.Id && one.Database.Id == other.Database.Id;

    private static bool Is(JsonElement item, string partition, string typeName, string itemId) =>
        Text(item, "pk") == partition && Text(item, "type") == typeName && Text(item, "id") == itemId;

    private static string? Text(JsonElement item, string property) =>
        item.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
