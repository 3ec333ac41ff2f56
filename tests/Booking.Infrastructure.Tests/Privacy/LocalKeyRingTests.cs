using Booking.Application.Privacy;
using Booking.Infrastructure.KeyVault;
using Microsoft.Extensions.Time.Testing;

namespace Booking.Infrastructure.Tests.Privacy;

public sealed class LocalKeyRingTests : IDisposable
{
    private static readonly KekEpoch November = Epoch("2026-11"), December = Epoch("2026-12");
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "booking-keyring-tests", Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-11-20T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private string KeyRingPath => Path.Combine(_directory, "keyring.json");

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
    public async Task ALaterEpochBecomesTheNewestAndTheOldOnesStayAcrossRestarts()
    {
        var ring = new LocalKeyRing(_directory, dataExists: false, _clock);
        var before = await ring.NewestAsync(default);

        Assert.Equal("2026-11", before.Version);
        Assert.True(await ring.EnsureEpochAsync(December, default));
        Assert.False(await ring.EnsureEpochAsync(December, default));
        var reopened = new LocalKeyRing(_directory, dataExists: true, _clock);

        var after = await reopened.NewestAsync(default);
        Assert.Equal("2026-12", after.Version);
        Assert.Equal(before.Key, (await reopened.FindAsync(before.Version, default))!.Key);
        Assert.Null(await reopened.FindAsync("v99", default));
        Assert.Equal([November, December], (await reopened.ListAsync(default)).Select(e => e.Epoch));
    }

    [Fact]
    public async Task RetiringRemovesTheEpochsKeyFromTheFileByAnAtomicReplace()
    {
        var ring = new LocalKeyRing(_directory, dataExists: false, _clock);
        var retired = await ring.NewestAsync(default);
        await ring.EnsureEpochAsync(December, default);

        Assert.Equal(KekRetirement.Destroyed, await ring.RetireAsync(November, default));

        var text = File.ReadAllText(KeyRingPath);
        Assert.DoesNotContain(Convert.ToBase64String(retired.Key), text, StringComparison.Ordinal);
        Assert.Null(await new LocalKeyRing(_directory, dataExists: true, _clock).FindAsync(retired.Version, default));
        Assert.Equal("2026-12", (await ring.NewestAsync(default)).Version);
        Assert.Empty(Directory.GetFiles(_directory, "*.tmp"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyRingPath));
        }

        await Assert.ThrowsAsync<InvalidOperationException>(() => ring.RetireAsync(December, default)); // never the last KEK
    }

    [Fact]
    public async Task WhenAnEpochStoppedBeingUsedSurvivesARestart()
    {
        var ring = new LocalKeyRing(_directory, dataExists: false, _clock);
        await ring.EnsureEpochAsync(December, default);
        var since = NodaTime.Instant.FromUtc(2026, 12, 1, 4, 0);

        await ring.MarkUnusedSinceAsync(November, since, default);

        Assert.Equal([since, null], (await new LocalKeyRing(_directory, dataExists: true, _clock).ListAsync(default)).Select(e => e.UnusedSince));
        await ring.MarkUnusedSinceAsync(November, null, default);
        Assert.All(await ring.ListAsync(default), e => Assert.Null(e.UnusedSince));
    }

    [Fact]
    public async Task AHostSharingTheKeyRingSeesTheEpochAnotherHostCreatedWithoutLosingItsOwn()
    {
        var first = new LocalKeyRing(_directory, dataExists: false, _clock);
        var second = new LocalKeyRing(_directory, dataExists: true, _clock);

        await first.EnsureEpochAsync(December, default);
        Assert.False(await second.EnsureEpochAsync(December, default));

        Assert.Equal("2026-12", (await second.NewestAsync(default)).Version);
        Assert.Equal((await first.NewestAsync(default)).Key, (await second.NewestAsync(default)).Key);
    }

    [Fact]
    public async Task AKeyRingWrittenBeforeEpochsCountsAsTheOldestEpochAndKeepsOpening()
    {
        Directory.CreateDirectory(_directory);
        var legacyKek = Convert.ToBase64String(Enumerable.Repeat((byte)7, 32).ToArray());
        File.WriteAllText(KeyRingPath, $$"""{"Keks":[{"Version":"v1","Key":"{{legacyKek}}"}],"BlindIndexKey":"{{legacyKek}}"}""");
        var ring = new LocalKeyRing(_directory, dataExists: true, _clock);

        Assert.Equal("v1", (await ring.NewestAsync(default)).Version);
        Assert.True(await ring.EnsureEpochAsync(December, default));

        Assert.Equal("2026-12", (await ring.NewestAsync(default)).Version);
        Assert.NotNull(await ring.FindAsync("v1", default));
        Assert.Equal(["v1", "2026-12"], (await ring.ListAsync(default)).Select(e => e.KekVersions.Single()));
    }

    private static KekEpoch Epoch(string name) => KekEpoch.TryParse(name, out var epoch) ? epoch : throw new ArgumentException(name);
}
