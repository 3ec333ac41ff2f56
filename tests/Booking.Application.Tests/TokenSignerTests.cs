using Booking.Application.Privacy;

namespace Booking.Application.Tests;

public sealed class TokenSignerTests
{
    private readonly Infrastructure.KeyVault.LocalKeyRing _keyRing = new();

    [Fact]
    public async Task VerifiesItsOwnMacAndRefusesAnAlteredMessageOrMac()
    {
        var signer = new TokenSigner(_keyRing, "test v1");
        byte[] message = [1, 2, 3];
        var mac = await signer.SignAsync(message, default);

        Assert.Equal(TokenSigner.MacBytes, mac.Length);
        Assert.True(await signer.VerifyAsync(message, mac, default));
        Assert.False(await signer.VerifyAsync([1, 2, 4], mac, default));
        Assert.False(await signer.VerifyAsync(message, mac.AsMemory(0, mac.Length - 1), default));
        mac[0] ^= 1;
        Assert.False(await signer.VerifyAsync(message, mac, default));
    }

    [Fact]
    public async Task GivesAnotherMacUnderAnotherLabelSoATokenOfOneKindIsNoneOfAnother()
    {
        byte[] message = [1, 2, 3];

        var manageLink = await new TokenSigner(_keyRing, "booking manage-link v1").SignAsync(message, default);
        var cursor = await new TokenSigner(_keyRing, "booking page-cursor v1").SignAsync(message, default);

        Assert.NotEqual(manageLink, cursor);
    }
}
