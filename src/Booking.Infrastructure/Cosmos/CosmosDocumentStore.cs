using Booking.Domain.Common;
using System.Net;
using Booking.Application.Common;
using Booking.Application.Storage;
using Microsoft.Azure.Cosmos;
using NodaTime;

namespace Booking.Infrastructure.Cosmos;

/// <summary>
/// <see cref="IDocumentStore{T}"/> on Cosmos DB for NoSQL: point reads and writes by (pk, id), create-if-absent
/// (409), replace-if-match (If-Match ETag; 412 or 404), single-partition queries, expiry by per-item TTL.
/// An item past its <c>expiresAt</c> reads as absent even before Cosmos's asynchronous TTL deletion removes it.
/// </summary>
public sealed partial class CosmosDocumentStore<T>(CosmosContainers containers, TimeProvider time) : IDocumentStore<T>
    where T : class
{
    private static readonly string TypeName = typeof(T).Name;
    private static readonly CosmosJsonSerializer Serializer = new();
    private static ItemRequestOptions NoContent => new() { EnableContentResponseOnWrite = false };

    public async Task<Versioned<T>?> ReadAsync(DocumentKey key, CancellationToken cancellationToken)
    {
        var container = await containers.ForAsync(typeof(T), cancellationToken);
        var stored = await ReadItemAsync(container, key, cancellationToken);
        return stored is null || !IsLive(stored.Value.Item) ? null : ToVersioned(stored.Value.Item, stored.Value.ETag);
    }

    public async Task<string?> TryCreateAsync(DocumentKey key, T document, Instant? expiresAt, CancellationToken cancellationToken)
    {
        var container = await containers.ForAsync(typeof(T), cancellationToken);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using (var created = await SendAsync("create", () => container.CreateItemStreamAsync(
                       ToStream(key, document, expiresAt), new PartitionKey(key.Partition), NoContent, cancellationToken), cancellationToken))
            {
                if (created.StatusCode != HttpStatusCode.Conflict)
                {
                    CosmosCall.EnsureSuccess(created, "create", TypeName);
                    return created.Headers.ETag;
                }
            }

            // The id is taken, but an expired item awaiting TTL deletion is absent to callers: take its place.
            var existing = await ReadItemAsync(container, key, cancellationToken);
            if (existing is not null)
            {
                return IsLive(existing.Value.Item) ? null : await ReplaceAsync(container, key, document, existing.Value.ETag, expiresAt, cancellationToken);
            }
        }

        return null;
    }

    public async Task<string?> TryReplaceAsync(DocumentKey key, T document, string ifMatch, Instant? expiresAt, CancellationToken cancellationToken)
    {
        var container = await containers.ForAsync(typeof(T), cancellationToken);
        return await ReplaceAsync(container, key, document, ifMatch, expiresAt, cancellationToken);
    }

    public async Task<string> UpsertAsync(DocumentKey key, T document, Instant? expiresAt, CancellationToken cancellationToken)
    {
        var container = await containers.ForAsync(typeof(T), cancellationToken);
        using var response = await SendAsync("upsert", () => container.UpsertItemStreamAsync(
            ToStream(key, document, expiresAt), new PartitionKey(key.Partition), NoContent, cancellationToken), cancellationToken);
        CosmosCall.EnsureSuccess(response, "upsert", TypeName);
        return response.Headers.ETag;
    }

    // Cosmos DB serves no earlier version or deleted item from its live store: nothing to rewrite.
    public Task PurgeHistoryAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<bool> DeleteAsync(DocumentKey key, CancellationToken cancellationToken)
    {
        var container = await containers.ForAsync(typeof(T), cancellationToken);
        using var response = await SendAsync("delete", () => container.DeleteItemStreamAsync(
            CosmosIds.Encode(key.Id), new PartitionKey(key.Partition), cancellationToken: cancellationToken), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        CosmosCall.EnsureSuccess(response, "delete", TypeName);
        return true;
    }

    public Task<IReadOnlyList<Versioned<T>>> ReadPartitionAsync(string partition, CancellationToken cancellationToken) =>
        QueryAsync(partition, new QueryDefinition("SELECT * FROM c WHERE c.pk = @pk AND c.type = @type"), cancellationToken);

    // Ids are compared as stored: the ids ranges are asked over (day-YYYY-MM-DD) are stored as they are (CosmosIds).
    public Task<IReadOnlyList<Versioned<T>>> ReadRangeAsync(string partition, string fromId, string toIdInclusive, CancellationToken cancellationToken) =>
        QueryAsync(
            partition,
            new QueryDefinition("SELECT * FROM c WHERE c.pk = @pk AND c.type = @type AND c.id >= @from AND c.id <= @to")
                .WithParameter("@from", CosmosIds.Encode(fromId))
                .WithParameter("@to", CosmosIds.Encode(toIdInclusive)),
            cancellationToken);

    private async Task<IReadOnlyList<Versioned<T>>> QueryAsync(string partition, QueryDefinition query, CancellationToken cancellationToken)
    {
        var container = await containers.ForAsync(typeof(T), cancellationToken);
        query = query.WithParameter("@pk", partition).WithParameter("@type", TypeName);
        var options = new QueryRequestOptions { PartitionKey = new PartitionKey(partition) };
        var found = new List<Versioned<T>>();
        using var pages = container.GetItemQueryIterator<CosmosItem<T>>(query, requestOptions: options);
        while (pages.HasMoreResults)
        {
            var page = await CosmosCall.GuardAsync("query", TypeName, () => pages.ReadNextAsync(cancellationToken), cancellationToken);
            CosmosMetrics.Record("query", TypeName, page.RequestCharge);
            found.AddRange(page.Where(item => item.Pk == partition && IsLive(item)).Select(item => ToVersioned(item, item.ETag!)));
        }

        return found;
    }

    public async Task<IReadOnlyList<Versioned<T>>> QueryPartitionAsync(string partition, SortedQuery query, CancellationToken cancellationToken)
    {
        var container = await containers.ForAsync(typeof(T), cancellationToken);
        var definition = new QueryDefinition(SortedQueryText(query))
            .WithParameter("@pk", partition)
            .WithParameter("@type", TypeName)
            .WithParameter("@tag", query.Tag)
            .WithParameter("@after", query.After ?? "");

        // One page of at most Limit items: one request, whatever the partition holds. Optimistic direct execution sends a
        // query of one partition key straight to that partition, without the gateway's query plan (ORDER BY and TOP run there).
        var options = new QueryRequestOptions { PartitionKey = new PartitionKey(partition), MaxItemCount = query.Limit, EnableOptimisticDirectExecution = true };
        using var pages = container.GetItemQueryIterator<CosmosItem<T>>(definition, requestOptions: options);
        var page = await CosmosCall.GuardAsync("query", TypeName, () => pages.ReadNextAsync(cancellationToken), cancellationToken);
        CosmosMetrics.Record("query", TypeName, page.RequestCharge);
        return [.. page.Where(item => item.Pk == partition && IsLive(item)).Select(item => ToVersioned(item, item.ETag!))];
    }

    // TOP takes the limit as a literal (an int of ours); everything else is a parameter. The sort key is always compared
    // (with "" for the first page): ORDER BY alone would also return items without one (null or absent), which are in no page.
    private static string SortedQueryText(SortedQuery query) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"SELECT TOP {query.Limit} * FROM c WHERE c.pk = @pk AND c.type = @type")
        + " AND ARRAY_CONTAINS(c.tags, @tag) AND c.sortKey > @after ORDER BY c.sortKey";

    private async Task<string?> ReplaceAsync(
        Container container, DocumentKey key, T document, string ifMatch, Instant? expiresAt, CancellationToken ct)
    {
        var options = new ItemRequestOptions { IfMatchEtag = ifMatch, EnableContentResponseOnWrite = false };
        using var response = await SendAsync("replace", () => container.ReplaceItemStreamAsync(
            ToStream(key, document, expiresAt), CosmosIds.Encode(key.Id), new PartitionKey(key.Partition), options, ct), ct);
        if (response.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
        {
            return null;
        }

        CosmosCall.EnsureSuccess(response, "replace", TypeName);
        return response.Headers.ETag;
    }

    /// <summary>The stored item whether or not it has expired, with its ETag; null when there is none.</summary>
    private static async Task<(CosmosItem<T> Item, string ETag)?> ReadItemAsync(Container container, DocumentKey key, CancellationToken ct)
    {
        using var response = await SendAsync("read", () => container.ReadItemStreamAsync(
            CosmosIds.Encode(key.Id), new PartitionKey(key.Partition), cancellationToken: ct), ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        CosmosCall.EnsureSuccess(response, "read", TypeName);
        return (Serializer.FromStream<CosmosItem<T>>(response.Content), response.Headers.ETag);
    }

    private Stream ToStream(DocumentKey key, T document, Instant? expiresAt) => Serializer.ToStream(new CosmosItem<T>
    {
        Id = CosmosIds.Encode(key.Id),
        Pk = key.Partition,
        Type = TypeName,
        Ttl = expiresAt is { } at ? TtlSeconds(at) : null,
        ExpiresAt = expiresAt,
        SortKey = (document as ISortedDocument)?.SortKey,
        Tags = (document as ISortedDocument) is { SortKey: not null } sorted ? sorted.Tags : null,
        Doc = document,
    });

    private int TtlSeconds(Instant expiresAt)
    {
        var seconds = Math.Ceiling((expiresAt - time.GetCurrentInstant()).TotalSeconds);
        return (int)Math.Clamp(seconds, 1, int.MaxValue);
    }

    private bool IsLive(CosmosItem<T> item) => item.ExpiresAt is not { } at || at > time.GetCurrentInstant();

    private static Versioned<T> ToVersioned(CosmosItem<T> item, string etag) =>
        new(new DocumentKey(item.Pk, CosmosIds.Decode(item.Id)), item.Doc, etag);

    private static Task<ResponseMessage> SendAsync(string operation, Func<Task<ResponseMessage>> send, CancellationToken ct) =>
        CosmosCall.SendAsync(operation, TypeName, send, ct);
}
