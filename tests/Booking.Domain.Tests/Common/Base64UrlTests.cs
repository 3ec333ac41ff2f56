using Booking.Domain.Common;

namespace Booking.Domain.Tests.Common;

public sealed class Base64UrlTests
{
    [Fact]
    public void DecodesOnlyTheOneCanonicalTextOfExactlyTheExpectedLength()
    {
        var bytes = Enumerable.Range(1, 41).Select(i => (byte)(i * 7)).ToArray();
        var text = Base64Url.Encode(bytes);
        var decoded = new byte[41];

        Assert.True(Base64Url.TryDecode(text, decoded));
        Assert.Equal(bytes, decoded);
        Assert.False(Base64Url.TryDecode(text[..^1], new byte[41]));
        Assert.False(Base64Url.TryDecode(text + "A", new byte[41]));
        Assert.False(Base64Url.TryDecode(text.Replace(text[3], '+'), new byte[41]));
    }

    [Fact]
    public void ATextWhoseLastCharacterSetsUnusedBitsIsRefusedNotThrown()
    {
        var text = Base64Url.Encode(new byte[41]); // ends in 'A': the last character's two low bits are unused
        foreach (var last in "BCDZz9_-") // each sets one or both of the two unused bits
        {
            Assert.False(Base64Url.TryDecode(text[..^1] + last, new byte[41]), $"last character {last}");
        }
    }

    [Theory]
    [InlineData('A', true)]
    [InlineData('Z', true)]
    [InlineData('a', true)]
    [InlineData('z', true)]
    [InlineData('0', true)]
    [InlineData('9', true)]
    [InlineData('-', true)]
    [InlineData('_', true)]
    [InlineData('@', false)]
    [InlineData('[', false)]
    [InlineData('`', false)]
    [InlineData('{', false)]
    [InlineData('/', false)]
    [InlineData(':', false)]
    [InlineData('+', false)]
    [InlineData('=', false)]
    public void TakesOnlyTheUrlSafeAlphabetGivenACharacter(char c, bool inAlphabet)
    {
        Assert.Equal(inAlphabet, Base64Url.IsAlphabetChar(c));
    }
}
