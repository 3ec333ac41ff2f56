namespace Booking.Domain.Common;

public static class Base64Url
{
    public static string Encode(ReadOnlySpan<byte> bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    public static int EncodedLength(int byteCount) => System.Buffers.Text.Base64Url.GetEncodedLength(byteCount);

    /// <summary>
    /// Decodes <paramref name="text"/> into exactly <paramref name="destination"/>; false unless it is the one
    /// canonical base64url of that many bytes (a text differing only in the unused low bits is refused too).
    /// </summary>
    public static bool TryDecode(string text, Span<byte> destination)
    {
        // Stryker disable once Logical,Linq : equivalent; the comparison with the canonical encoding below refuses the same texts: this only spares decoding them.
        if (text.Length != EncodedLength(destination.Length) || !text.All(IsAlphabetChar))
        {
            return false;
        }

        try
        {
            // Stryker disable once Logical : equivalent; a text equal to the encoding of what was decoded is one the decoder took whole.
            return System.Buffers.Text.Base64Url.TryDecodeFromChars(text, destination, out var written)
                && written == destination.Length
                && string.Equals(Encode(destination), text, StringComparison.Ordinal);
        }
        catch (FormatException)
        {
            // The "Try" decoder still throws when the last character's unused low bits are set.
            return false;
        }
    }

    public static bool IsAlphabetChar(char c) =>
        c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_';
}
