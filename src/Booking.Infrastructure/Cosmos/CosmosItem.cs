using System.Text.Json.Serialization;
using NodaTime;

namespace Booking.Infrastructure.Cosmos;

/// <summary>
/// How a document is stored: an envelope rather than the document flattened, so that a document's own fields
/// (an appointment has an <c>id</c>) never collide with Cosmos's, and several types can share a container.
/// <c>ttl</c> makes Cosmos delete the item; <c>expiresAt</c> lets reads hide it meanwhile (TTL deletion is
/// asynchronous, and the item must read as gone from the instant it expires).
/// </summary>
public sealed class CosmosItem<T>
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("pk")]
    public required string Pk { get; init; }

    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("ttl")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Ttl { get; init; }

    [JsonPropertyName("expiresAt")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Instant? ExpiresAt { get; init; }

    /// <summary>An <see cref="Domain.Common.ISortedDocument"/>'s sort key and tags, for ordered queries; absent on other documents.</summary>
    [JsonPropertyName("sortKey")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SortKey { get; init; }

    [JsonPropertyName("tags")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Tags { get; init; }

    [JsonPropertyName("doc")]
    public required T Doc { get; init; }

    /// <summary>Set by Cosmos on every item it returns; never written.</summary>
    [JsonPropertyName("_etag")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ETag { get; init; }
}
