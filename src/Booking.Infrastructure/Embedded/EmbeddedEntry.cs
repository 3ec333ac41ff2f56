using NodaTime;

namespace Booking.Infrastructure.Embedded;

/// <summary>One stored document: its JSON as written, its ETag, its expiry, and, while it is among its collection's recently decoded, the object read from it.</summary>
internal sealed class EmbeddedEntry(string partition, string id, byte[] json, string etag, Instant? expiresAt)
{
    public string Partition { get; } = partition;

    public string Id { get; } = id;

    public byte[] Json { get; } = json;

    public string ETag { get; } = etag;

    public Instant? ExpiresAt { get; } = expiresAt;

    /// <summary>Documents are immutable records, so one deserialised copy can be shared by every reader; null once dropped.</summary>
    public object? Cached { get; set; }

    public bool IsExpired(Instant now) => ExpiresAt is { } at && at <= now;
}
