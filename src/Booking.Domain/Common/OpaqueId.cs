using System.Security.Cryptography;

namespace Booking.Domain.Common;

/// <summary>
/// Makes and checks the project's opaque ids: 128 random bits in base64url (22 characters).
/// They say nothing about what they name: no sequence, no date, no name.
/// </summary>
public static class OpaqueId
{
    public const int Length = 22;

    public static string New() => Base64Url.Encode(RandomNumberGenerator.GetBytes(16));

    public static bool IsWellFormed(string? value) =>
        value is { Length: Length } && value.All(Base64Url.IsAlphabetChar);
}
