using System.Security.Cryptography;
using System.Text;
using Booking.Domain.Common;

namespace Booking.Application.Partners;

/// <summary>
/// Partner API keys: <c>{partnerId}.{keyId}.{secret}</c>, the secret 256 random bits. Only SHA-256 of the
/// secret is stored (with that much entropy a plain hash can't be reversed); checks compare in constant time.
/// </summary>
public static class ApiKeyFormat
{
    public static (string KeyId, string Secret, string ApiKey) New(string partnerId)
    {
        var keyId = Base64Url.Encode(RandomNumberGenerator.GetBytes(9));
        var secret = Base64Url.Encode(RandomNumberGenerator.GetBytes(32));
        return (keyId, secret, $"{partnerId}.{keyId}.{secret}");
    }

    public static (string PartnerId, string KeyId, string Secret)? Parse(string? apiKey)
    {
        var parts = apiKey?.Split('.');
        return parts is { Length: 3 } && OpaqueId.IsWellFormed(parts[0]) && parts[1].Length == 12 && parts[2].Length == 43
            ? (parts[0], parts[1], parts[2])
            : null;
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool Matches(string secret, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(storedHash));
}
