using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Booking.ServiceBusStandIn.Security;

/// <summary>
/// Checks a Service Bus SAS token (<c>SharedAccessSignature sr=…&amp;sig=…&amp;se=…&amp;skn=…</c>) as the service
/// does: the key name is the configured one, the expiry (Unix seconds) is in the future, and sig is the Base64
/// HMAC-SHA256, keyed by the UTF-8 bytes of the key, of the url-encoded resource, a line feed and the expiry; and
/// the signed resource (sr) covers the audience asked for (the namespace, or the entity itself or a parent path).
/// Schemes and hosts are not compared: the SDK signs sb:// or amqps:// forms of the same endpoint.
/// </summary>
internal static class SharedAccessSignature
{
    private const string Prefix = "SharedAccessSignature ";

    public static TokenCheck Check(string token, string audience, string keyName, string key, DateTimeOffset now)
    {
        if (!token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return TokenCheck.Refused("The token is not a SharedAccessSignature.");
        }

        var fields = token[Prefix.Length..]
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(field => field.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);

        if (!fields.TryGetValue("sr", out var resource) || !fields.TryGetValue("sig", out var signature)
            || !fields.TryGetValue("se", out var expiry) || !fields.TryGetValue("skn", out var name))
        {
            return TokenCheck.Refused("The SharedAccessSignature lacks sr, sig, se or skn.");
        }

        if (!string.Equals(WebUtility.UrlDecode(name), keyName, StringComparison.Ordinal))
        {
            return TokenCheck.Refused($"Unknown key name '{WebUtility.UrlDecode(name)}'.");
        }

        if (!long.TryParse(expiry, NumberStyles.Integer, CultureInfo.InvariantCulture, out var expirySeconds))
        {
            return TokenCheck.Refused("The expiry (se) is not a number.");
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(expirySeconds);
        if (expiresAt <= now)
        {
            return TokenCheck.Refused($"The token expired at {expiresAt:O}.");
        }

        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(key));
        var expected = hmac.ComputeHash(Encoding.UTF8.GetBytes($"{resource}\n{expiry}"));
        byte[] actual;
        try
        {
            actual = Convert.FromBase64String(WebUtility.UrlDecode(signature));
        }
        catch (FormatException)
        {
            return TokenCheck.Refused("The signature is not Base64.");
        }

        if (!CryptographicOperations.FixedTimeEquals(expected, actual))
        {
            return TokenCheck.Refused("The signature does not match the key.");
        }

        var signedPath = PathOf(WebUtility.UrlDecode(resource));
        var audiencePath = PathOf(audience);
        var covers = signedPath.Length == 0
            || string.Equals(signedPath, audiencePath, StringComparison.OrdinalIgnoreCase)
            || audiencePath.StartsWith(signedPath + "/", StringComparison.OrdinalIgnoreCase);
        return covers
            ? TokenCheck.Accepted(expiresAt)
            : TokenCheck.Refused($"The token is signed for '{WebUtility.UrlDecode(resource)}', not for '{audience}'.");
    }

    private static string PathOf(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.Scheme is "sb" or "amqp" or "amqps" or "http" or "https"
            ? Uri.UnescapeDataString(parsed.AbsolutePath).Trim('/')
            : uri.Trim('/');
}
