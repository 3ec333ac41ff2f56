using Booking.Application.Privacy;

namespace Booking.Application.Tests;

public sealed class BlindIndexTests
{
    private readonly BlindIndex _index = new(new Infrastructure.KeyVault.LocalKeyRing());

    [Fact]
    public async Task GivesTheSameValueTheSameIndexAndAnotherIndexADifferentOne()
    {
        var email = await _index.ComputeAsync("email", "zoe@example.org", default);

        Assert.Equal(email, await _index.ComputeAsync("email", "zoe@example.org", default));
        Assert.NotEqual(email, await _index.ComputeAsync("phone", "zoe@example.org", default));
        Assert.NotEqual(email, await _index.ComputeAsync("email", "zoe@example.com", default));
    }

    [Fact]
    public async Task KeepsTwoIndexesApartEvenWhenTheirNamesAndValuesRunTogether()
    {
        var a = await _index.ComputeAsync("ab", "c", default);
        var b = await _index.ComputeAsync("a", "bc", default);

        Assert.NotEqual(a, b);
    }

    [Fact]
    public async Task GivesAnotherIndexUnderAnotherKey()
    {
        var other = new BlindIndex(new Infrastructure.KeyVault.LocalKeyRing());

        Assert.NotEqual(await _index.ComputeAsync("email", "zoe@example.org", default), await other.ComputeAsync("email", "zoe@example.org", default));
    }
}
