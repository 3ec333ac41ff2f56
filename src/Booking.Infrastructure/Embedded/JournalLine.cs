using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;

namespace Booking.Infrastructure.Embedded;

/// <summary>One line of a collection's journal: a document written (with its JSON) or deleted (without).</summary>
internal sealed record JournalLine(
    [property: JsonPropertyName("p")] string Partition,
    [property: JsonPropertyName("i")] string Id,
    [property: JsonPropertyName("e")] string? ETag,
    [property: JsonPropertyName("x")] Instant? ExpiresAt,
    [property: JsonPropertyName("d")] JsonElement? Document);
