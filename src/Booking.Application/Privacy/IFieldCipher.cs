namespace Booking.Application.Privacy;

/// <summary>
/// Authenticated encryption of single fields and of data keys. <c>associatedData</c> binds a ciphertext to
/// where it belongs: opening it anywhere else fails with <see cref="System.Security.Cryptography.CryptographicException"/>.
/// </summary>
public interface IFieldCipher
{
    /// <summary>A versioned envelope that names <paramref name="kekVersion"/>, the KEK version that wrapped <paramref name="key"/> when sealing.</summary>
    string Seal(ReadOnlySpan<byte> key, string kekVersion, string associatedData, string plaintext);

    string Open(ReadOnlySpan<byte> key, string associatedData, string envelope);

    /// <summary>A cipher bound to one data key, for sealing or opening several fields with one key schedule.</summary>
    IKeyedFieldCipher WithKey(ReadOnlySpan<byte> key, string kekVersion);

    byte[] Wrap(ReadOnlySpan<byte> kek, ReadOnlySpan<byte> dataKey, string associatedData);

    byte[] Unwrap(ReadOnlySpan<byte> kek, ReadOnlySpan<byte> wrapped, string associatedData);
}
