using System.Security.Cryptography;
using System.Text;

namespace Booking.Application.Privacy;

/// <summary>
/// The one way stateless tokens are signed here (manage links, page cursors): HMAC-SHA256, truncated to 128 bits,
/// under a key derived (HKDF-SHA256) from the key ring's blind-index key with a label of each token's own. So the
/// keys live in Key Vault with the others, and a token of one kind can't pass for another.
/// </summary>
public sealed class TokenSigner(IKeyRing keyRing, string label)
{
    public const int MacBytes = 16;

    private readonly byte[] _label = Encoding.ASCII.GetBytes(label);
    private DerivedKey? _key;

    /// <summary>The MAC of <paramref name="message"/>: <see cref="MacBytes"/> bytes.</summary>
    public async Task<byte[]> SignAsync(byte[] message, CancellationToken ct) =>
        HMACSHA256.HashData(await KeyAsync(ct), message).AsSpan(0, MacBytes).ToArray();

    /// <summary>Whether <paramref name="mac"/> is the MAC of <paramref name="message"/> (compared in constant time).</summary>
    public async Task<bool> VerifyAsync(byte[] message, ReadOnlyMemory<byte> mac, CancellationToken ct) =>
        mac.Length == MacBytes && CryptographicOperations.FixedTimeEquals(await SignAsync(message, ct), mac.Span);

    // Derived again only when the key ring hands out another blind-index key (a new secret version).
    private async Task<byte[]> KeyAsync(CancellationToken ct)
    {
        var source = await keyRing.BlindIndexKeyAsync(ct);
        if (_key is { } known && known.Source.AsSpan().SequenceEqual(source))
        {
            return known.Key;
        }

        var derived = new DerivedKey([.. source], HKDF.DeriveKey(HashAlgorithmName.SHA256, source, 32, salt: [], info: _label));
        _key = derived;
        return derived.Key;
    }

    private sealed record DerivedKey(byte[] Source, byte[] Key);
}
