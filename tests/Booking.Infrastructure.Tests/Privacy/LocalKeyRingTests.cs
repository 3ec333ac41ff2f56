using Booking.Infrastructure.KeyVault;

namespace Booking.Infrastructure.Tests.Privacy;

public sealed class LocalKeyRingTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "booking-keyring-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task IsCreatedOnFirstRunOwnerOnlyAndReadBackTheSame()
    {
        var first = new LocalKeyRing(_directory, dataExists: false);
        var second = new LocalKeyRing(_directory, dataExists: true);

        Assert.Equal((await first.NewestAsync(default)).Key, (await second.NewestAsync(default)).Key);
        Assert.Equal(await first.BlindIndexKeyAsync(default), await second.BlindIndexKeyAsync(default));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_directory, "keyring.json")));
        }
    }

    [Fact]
    public void RefusesToStartOverExistingDataWhenTheKeyRingIsMissing()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new LocalKeyRing(_directory, dataExists: true));

        Assert.Contains("missing", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_directory, "keyring.json")));
    }

    [Fact]
    public void RefusesToStartWhenTheKeyRingIsUnreadable()
    {
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Path.Combine(_directory, "keyring.json"), "{ not json");

        Assert.Throws<InvalidOperationException>(() => new LocalKeyRing(_directory, dataExists: false));
    }

    [Fact]
    public async Task RotationAddsANewestVersionAndKeepsTheOldOnesAcrossRestarts()
    {
        var ring = new LocalKeyRing(_directory, dataExists: false);
        var before = await ring.NewestAsync(default);

        ring.Rotate();
        var reopened = new LocalKeyRing(_directory, dataExists: true);

        var after = await reopened.NewestAsync(default);
        Assert.NotEqual(before.Version, after.Version);
        Assert.Equal(before.Key, (await reopened.FindAsync(before.Version, default))!.Key);
        Assert.Null(await reopened.FindAsync("v99", default));
    }
}
