using System.Security.Cryptography;
using System.Text;

namespace Booking.Application.Privacy;

/// <summary>
/// Equality on personal data without the data: a keyed HMAC-SHA256 of the normalised value under the
/// blind-index key (its own key, not a KEK), prefixed by what the index is for so two indexes never collide.
/// Without the key, an index value can't be tested against guesses.
/// </summary>
public sealed class BlindIndex(IKeyRing keyRing)
{
    public async Task<string> ComputeAsync(string index, ReadOnlyMemory<byte> normalisedValue, CancellationToken ct)
    {
        var key = await keyRing.BlindIndexKeyAsync(ct);
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(Encoding.UTF8.GetBytes(index + "\n"));
        hmac.AppendData(normalisedValue.Span);
        return Convert.ToHexStringLower(hmac.GetHashAndReset());
    }

    public Task<string> ComputeAsync(string index, string normalisedValue, CancellationToken ct) =>
        ComputeAsync(index, Encoding.UTF8.GetBytes(normalisedValue), ct);
}
