using System.Security.Cryptography;
using Booking.Infrastructure.Crypto;

namespace Booking.Infrastructure.Tests.Privacy;

public sealed class AesGcmFieldCipherTests
{
    private const string Context = "booking-field|v1|appointment|A1|FirstName|patient-1";
    private readonly AesGcmFieldCipher _cipher = new();
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    [Fact]
    public void OpensWhatItSealedAndNamesTheKekVersion()
    {
        var envelope = _cipher.Seal(_key, "v7", Context, "Ermengarde");

        Assert.StartsWith("bk1.v7.", envelope, StringComparison.Ordinal);
        Assert.DoesNotContain("Ermengarde", envelope, StringComparison.Ordinal);
        Assert.Equal("Ermengarde", _cipher.Open(_key, Context, envelope));
    }

    [Fact]
    public void SealingTheSameValueTwiceGivesDifferentCiphertexts()
    {
        Assert.NotEqual(_cipher.Seal(_key, "v1", Context, "same"), _cipher.Seal(_key, "v1", Context, "same"));
    }

    [Theory]
    [InlineData(0)] // nonce
    [InlineData(12)] // tag
    [InlineData(28)] // ciphertext
    public void FailsToOpenGivenAnyFlippedByte(int offset)
    {
        var envelope = _cipher.Seal(_key, "v1", Context, "Ermengarde");
        var parts = envelope.Split('.');
        var payload = System.Buffers.Text.Base64Url.DecodeFromChars(parts[2]);
        payload[offset] ^= 0x01;
        var tampered = $"{parts[0]}.{parts[1]}.{System.Buffers.Text.Base64Url.EncodeToString(payload)}";

        Assert.ThrowsAny<CryptographicException>(() => _cipher.Open(_key, Context, tampered));
    }

    [Theory]
    [InlineData("booking-field|v1|appointment|A2|FirstName|patient-1")] // moved to another record
    [InlineData("booking-field|v1|appointment|A1|LastName|patient-1")] // moved to another field
    [InlineData("booking-field|v1|appointment|A1|FirstName|patient-2")] // moved to another patient
    public void FailsToOpenACiphertextMovedElsewhere(string otherContext)
    {
        var envelope = _cipher.Seal(_key, "v1", Context, "Ermengarde");

        Assert.ThrowsAny<CryptographicException>(() => _cipher.Open(_key, otherContext, envelope));
    }

    [Fact]
    public void FailsToOpenUnderAnotherKey()
    {
        var envelope = _cipher.Seal(_key, "v1", Context, "Ermengarde");

        Assert.ThrowsAny<CryptographicException>(() => _cipher.Open(RandomNumberGenerator.GetBytes(32), Context, envelope));
    }

    [Theory]
    [InlineData("Ermengarde")]
    [InlineData("bk2.v1.AAAA")]
    [InlineData("bk1.v1.!!!")]
    [InlineData("bk1.v1.AAAA")]
    public void RefusesMalformedEnvelopes(string envelope)
    {
        Assert.ThrowsAny<CryptographicException>(() => _cipher.Open(_key, Context, envelope));
    }

    [Fact]
    public void UnwrapsAWrappedKeyOnlyWithTheSameKekAndContext()
    {
        var kek = RandomNumberGenerator.GetBytes(32);
        var dataKey = RandomNumberGenerator.GetBytes(32);
        var wrapped = _cipher.Wrap(kek, dataKey, "dek|patient-1");

        Assert.Equal(dataKey, _cipher.Unwrap(kek, wrapped, "dek|patient-1"));
        Assert.ThrowsAny<CryptographicException>(() => _cipher.Unwrap(kek, wrapped, "dek|patient-2"));
        Assert.ThrowsAny<CryptographicException>(() => _cipher.Unwrap(RandomNumberGenerator.GetBytes(32), wrapped, "dek|patient-1"));
    }
}
