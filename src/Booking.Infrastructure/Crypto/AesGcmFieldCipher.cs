using System.Security.Cryptography;
using System.Text;
using Booking.Application.Privacy;
using Booking.Domain.Common;

namespace Booking.Infrastructure.Crypto;

/// <summary>
/// AES-256-GCM with a fresh 96-bit nonce per seal. Field envelope, version 1:
/// <c>bk1.{kekVersion}.{base64url(nonce ‖ tag ‖ ciphertext)}</c>. The associated data is not stored: the
/// reader supplies it from where it found the envelope, so an envelope moved elsewhere fails its tag.
/// </summary>
public sealed class AesGcmFieldCipher : IFieldCipher
{
    public const string EnvelopeVersion = "bk1";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public string Seal(ReadOnlySpan<byte> key, string kekVersion, string associatedData, string plaintext)
    {
        using var keyed = WithKey(key, kekVersion);
        return keyed.Seal(associatedData, plaintext);
    }

    public string Open(ReadOnlySpan<byte> key, string associatedData, string envelope)
    {
        using var keyed = WithKey(key, string.Empty);
        return keyed.Open(associatedData, envelope);
    }

    public IKeyedFieldCipher WithKey(ReadOnlySpan<byte> key, string kekVersion)
    {
        if (kekVersion.Contains('.', StringComparison.Ordinal))
        {
            throw new ArgumentException("A KEK version must not contain '.'.", nameof(kekVersion));
        }

        return new Keyed(new AesGcm(key, TagSize), kekVersion);
    }

    private static string SealWith(AesGcm aes, string kekVersion, string associatedData, string plaintext)
    {
        var payload = Encrypt(aes, Encoding.UTF8.GetBytes(plaintext), associatedData);
        return $"{EnvelopeVersion}.{kekVersion}.{Base64Url.Encode(payload)}";
    }

    private static string OpenWith(AesGcm aes, string associatedData, string envelope)
    {
        var parts = envelope.Split('.');
        if (parts.Length != 3 || parts[0] != EnvelopeVersion)
        {
            throw new CryptographicException("Not a sealed field of a known version.");
        }

        byte[] payload;
        try
        {
            payload = System.Buffers.Text.Base64Url.DecodeFromChars(parts[2]);
        }
        catch (FormatException e)
        {
            throw new CryptographicException("A sealed field is malformed.", e);
        }

        return Encoding.UTF8.GetString(Decrypt(aes, payload, associatedData));
    }

    public byte[] Wrap(ReadOnlySpan<byte> kek, ReadOnlySpan<byte> dataKey, string associatedData)
    {
        using var aes = new AesGcm(kek, TagSize);
        return Encrypt(aes, dataKey, associatedData);
    }

    public byte[] Unwrap(ReadOnlySpan<byte> kek, ReadOnlySpan<byte> wrapped, string associatedData)
    {
        using var aes = new AesGcm(kek, TagSize);
        return Decrypt(aes, wrapped, associatedData);
    }

    private static byte[] Encrypt(AesGcm aes, ReadOnlySpan<byte> plaintext, string associatedData)
    {
        var output = new byte[NonceSize + TagSize + plaintext.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(associatedData));
        return output;
    }

    private static byte[] Decrypt(AesGcm aes, ReadOnlySpan<byte> payload, string associatedData)
    {
        if (payload.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("A sealed value is too short.");
        }

        var plaintext = new byte[payload.Length - NonceSize - TagSize];
        aes.Decrypt(payload[..NonceSize], payload[(NonceSize + TagSize)..], payload.Slice(NonceSize, TagSize), plaintext, Encoding.UTF8.GetBytes(associatedData));
        return plaintext;
    }

    private sealed class Keyed(AesGcm aes, string kekVersion) : IKeyedFieldCipher
    {
        public string Seal(string associatedData, string plaintext) => SealWith(aes, kekVersion, associatedData, plaintext);

        public string Open(string associatedData, string envelope) => OpenWith(aes, associatedData, envelope);

        public void Dispose() => aes.Dispose();
    }
}
