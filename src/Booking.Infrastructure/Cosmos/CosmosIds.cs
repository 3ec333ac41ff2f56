using System.Text;
using System.Buffers.Text;

namespace Booking.Infrastructure.Cosmos;

/// <summary>
/// Turns a <see cref="Application.Storage.DocumentKey"/> id into a Cosmos item id and back. Cosmos refuses
/// '/', '\', '?' and '#' in ids; an id holding one of them (or the marker itself) is stored as the marker
/// followed by the base64url of its UTF-8 bytes. Every id used today (profile, day-YYYY-MM-DD, base64url ids,
/// hex hashes) is stored as it is, which keeps items readable in the portal.
/// </summary>
public static class CosmosIds
{
    private const string EncodedMarker = "~b64~";

    public static string Encode(string id) =>
        NeedsEncoding(id) ? EncodedMarker + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(id)) : id;

    public static string Decode(string itemId) =>
        itemId.StartsWith(EncodedMarker, StringComparison.Ordinal)
            ? Encoding.UTF8.GetString(Base64Url.DecodeFromChars(itemId.AsSpan(EncodedMarker.Length)))
            : itemId;

    private static bool NeedsEncoding(string id) =>
        id.Length == 0
        || id.StartsWith(EncodedMarker, StringComparison.Ordinal)
        || id.AsSpan().IndexOfAny("/\\?#") >= 0
        || char.IsWhiteSpace(id[^1]);
}
