using Azure.Security.KeyVault.Secrets;
using Booking.Application.Privacy;
using Booking.Infrastructure.KeyVault;
using Booking.StandIns;
using Booking.Tests.Shared;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace Booking.Infrastructure.Tests.Privacy;

/// <summary>The Key Vault adapter against the vault stand-in, through the real SecretClient over HTTPS.</summary>
public sealed class KeyVaultKeyRingTests : IAsyncLifetime
{
    private static readonly KekEpoch October = Epoch("2026-10"), November = Epoch("2026-11"), December = Epoch("2026-12");
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-12-01T04:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly RecordingLogger _log = new();
    private TestCertificateAuthority _ca = null!;
    private ManagedIdentityEndpoint _identity = null!;
    private KeyVaultSecretsStandIn _vault = null!;

    public async Task InitializeAsync()
    {
        _ca = TestCertificateAuthority.Create();
        _identity = await ManagedIdentityEndpoint.StartAsync(Guid.NewGuid().ToString());
        _vault = await KeyVaultSecretsStandIn.StartAsync(_ca, _identity);
        _vault.AddVersion("booking-blind-index-key", Key(9));
    }

    public async Task DisposeAsync()
    {
        await _vault.DisposeAsync();
        await _identity.DisposeAsync();
        _ca.Dispose();
    }

    [Fact]
    public async Task CreatesTheCurrentEpochsSecretOnceAndWrapsWithIt()
    {
        using var ring = Ring();

        Assert.True(await ring.EnsureEpochAsync(December, default));
        Assert.False(await ring.EnsureEpochAsync(December, default));
        Assert.False(await ring.EnsureEpochAsync(November, default)); // a later epoch exists: nothing to create

        var version = Assert.Single(await ring.ListAsync(default)).KekVersions.Single();
        Assert.Equal(version, (await ring.NewestAsync(default)).Version);
        Assert.Equal("2026-12", _vault.Describe("booking-kek-2026-12", version)!.Value.Tags["kek-epoch"]);
        Assert.Equal(["booking-blind-index-key", "booking-kek-2026-12"], _vault.SecretNames);
    }

    [Fact]
    public async Task FindsEveryEpochAndOpensWithTheirKeksWhileWrappingWithTheLatest()
    {
        var october = _vault.AddVersion("booking-kek-2026-10", Key(1));
        var november = _vault.AddVersion("booking-kek-2026-11", Key(2));
        var disabled = _vault.AddVersion("booking-kek-2026-11", Key(3), enabled: false);
        _vault.AddVersion("booking-kek-not-an-epoch", Key(4));
        _vault.AddVersion("smtp-password", "not a key");
        using var ring = Ring();

        var epochs = await ring.ListAsync(default);

        Assert.Equal([October, November], epochs.Select(e => e.Epoch));
        Assert.Equal([november, disabled], epochs[1].KekVersions);
        Assert.Equal(november, (await ring.NewestAsync(default)).Version);
        Assert.Equal(Convert.FromBase64String(Key(1)), (await ring.FindAsync(october, default))!.Key);
        Assert.Null(await ring.FindAsync(disabled, default));
        Assert.Equal(Convert.FromBase64String(Key(9)), await ring.BlindIndexKeyAsync(default));
    }

    [Fact]
    public async Task TwoVersionsOfOneEpochBothOpenAndEveryInstanceWrapsWithTheFirst()
    {
        var first = _vault.AddVersion("booking-kek-2026-12", Key(1));
        var second = _vault.AddVersion("booking-kek-2026-12", Key(2)); // two instances created the epoch at once
        using var ring = Ring();

        Assert.Equal(first, (await ring.NewestAsync(default)).Version);
        Assert.NotNull(await ring.FindAsync(second, default));
    }

    [Fact]
    public async Task PicksUpAnEpochAnotherInstanceCreatedAfterTheRefreshPeriodAndFindsItsVersionAtOnce()
    {
        _vault.AddVersion("booking-kek-2026-11", Key(1));
        using var ring = Ring();
        using var other = Ring();
        await ring.NewestAsync(default);

        await other.EnsureEpochAsync(December, default);
        var created = (await other.NewestAsync(default)).Version;

        Assert.NotEqual(created, (await ring.NewestAsync(default)).Version); // cached
        Assert.NotNull(await ring.FindAsync(created, default)); // unknown version: looked up again now
        _clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(created, (await ring.NewestAsync(default)).Version);
    }

    [Fact]
    public async Task WhenAnEpochStoppedBeingUsedIsKeptInTheVaultAcrossInstances()
    {
        _vault.AddVersion("booking-kek-2026-11", Key(1));
        _vault.AddVersion("booking-kek-2026-12", Key(2));
        var since = Instant.FromUtc(2026, 12, 1, 4, 0);
        using (var ring = Ring())
        {
            await ring.MarkUnusedSinceAsync(November, since, default);
        }

        using var restarted = Ring();
        Assert.Equal([since, null], (await restarted.ListAsync(default)).Select(e => e.UnusedSince));

        await restarted.MarkUnusedSinceAsync(November, null, default);
        Assert.All(await restarted.ListAsync(default), e => Assert.Null(e.UnusedSince));
    }

    [Fact]
    public async Task RetiringDisablesAndDeletesTheEpochAndReportsThePurgeThatPurgeProtectionRefused()
    {
        var old = _vault.AddVersion("booking-kek-2026-11", Key(1));
        _vault.AddVersion("booking-kek-2026-12", Key(2));
        using var ring = Ring();
        Assert.NotNull(await ring.FindAsync(old, default));

        Assert.Equal(KekRetirement.DeletedAwaitingPurge, await ring.RetireAsync(November, default));

        Assert.Equal(["booking-kek-2026-11"], _vault.DeletedNames);
        Assert.False(_vault.Describe("booking-kek-2026-11", old)!.Value.Enabled);
        Assert.Null(await ring.FindAsync(old, default));
        Assert.Equal([December], (await ring.ListAsync(default)).Select(e => e.Epoch));
        Assert.Equal(KekRetirement.DeletedAwaitingPurge, await ring.RetireAsync(November, default)); // a second run changes nothing
    }

    [Fact]
    public async Task RetiringPurgesWhenTheVaultAllowsIt()
    {
        _vault.PurgeProtection = false;
        _vault.AddVersion("booking-kek-2026-11", Key(1));
        _vault.AddVersion("booking-kek-2026-12", Key(2));
        using var ring = Ring();

        Assert.Equal(KekRetirement.Destroyed, await ring.RetireAsync(November, default));

        Assert.Empty(_vault.DeletedNames);
        Assert.Equal(["booking-blind-index-key", "booking-kek-2026-12"], _vault.SecretNames);
    }

    [Fact]
    public async Task FailsLoudlyWithKeyRingLoadFailedWhenNoKekCanBeLoaded()
    {
        _vault.AddVersion("booking-kek-2026-12", Key(1), enabled: false);
        using var ring = Ring();

        await Assert.ThrowsAsync<InvalidOperationException>(() => ring.NewestAsync(default));
        Assert.Contains(_log.Events, e => e.Id == 4002 && e.Name == "KeyRingLoadFailed");
    }

    [Fact]
    public async Task FailsLoudlyWhenAKekIsNotThirtyTwoBytes()
    {
        _vault.AddVersion("booking-kek-2026-12", Convert.ToBase64String(new byte[16]));
        using var ring = Ring();

        await Assert.ThrowsAsync<InvalidOperationException>(() => ring.NewestAsync(default));
        Assert.Contains(_log.Events, e => e.Id == 4002);
    }

    private KeyVaultKeyRing Ring()
    {
        var client = new SecretClient(_vault.VaultUri, new StaticTokenCredential(_identity.IssueToken(KeyVaultSecretsStandIn.VaultResource)),
            new SecretClientOptions { DisableChallengeResourceVerification = true });
        return new KeyVaultKeyRing(client, Options.Create(new KeyVaultOptions { VaultUri = _vault.VaultUri, RefreshPeriod = TimeSpan.FromMinutes(5) }), _clock, _log);
    }

    private static KekEpoch Epoch(string name) => KekEpoch.TryParse(name, out var epoch) ? epoch : throw new ArgumentException(name);

    private static string Key(byte fill) => Convert.ToBase64String(Enumerable.Repeat(fill, 32).ToArray());

    private sealed class RecordingLogger : ILogger<KeyVaultKeyRing>
    {
        public List<EventId> Events { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Events)
            {
                Events.Add(eventId);
            }
        }
    }
}
