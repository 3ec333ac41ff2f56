using System.Security.Cryptography;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Booking.Functions.Http;

/// <summary>Strong entity tags of response bytes, and <c>If-None-Match</c> as RFC 9110 reads it (weak comparison, <c>*</c>).</summary>
public static class EntityTags
{
    /// <summary>A quoted tag from the first 128 bits of the bytes' SHA-256: equal bytes, equal tag, on every instance.</summary>
    public static string Of(ReadOnlySpan<byte> bytes) =>
        "\"" + Convert.ToBase64String(SHA256.HashData(bytes)[..16]).TrimEnd('=').Replace('+', '-').Replace('/', '_') + "\"";

    public static bool AnyMatches(StringValues ifNoneMatch, string entityTag)
    {
        if (StringValues.IsNullOrEmpty(ifNoneMatch) || !EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags))
        {
            return false;
        }

        var ours = new EntityTagHeaderValue(entityTag);
        return tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(ours, useStrongComparison: false));
    }
}
