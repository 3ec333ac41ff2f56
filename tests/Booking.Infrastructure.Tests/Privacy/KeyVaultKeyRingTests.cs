using System.Security.Cryptography;
using Azure;
using Azure.Security.KeyVault.Secrets;
using Booking.Infrastructure.KeyVault;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Booking.Infrastructure.Tests.Privacy;

/// <summary>The Key Vault adapter through the SDK's own test support: a SecretClient subclass answering with SecretModelFactory models.</summary>
public sealed class KeyVaultKeyRingTests
{
    private readonly FakeSecretClient _vault = new();
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-11-28T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private KeyVaultKeyRing Ring() => new(_vault, Options.Create(new KeyVaultOptions { RefreshPeriod = TimeSpan.FromMinutes(5) }), _clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<KeyVaultKeyRing>.Instance);

    [Fact]
    public async Task WrapsWithTheNewestEnabledVersionAndOpensWithAnyEnabledOne()
    {
        var old = _vault.AddKek(_clock.GetUtcNow().AddDays(-30));
        var newest = _vault.AddKek(_clock.GetUtcNow().AddDays(-1));
        _vault.AddKek(_clock.GetUtcNow(), enabled: false);
        var ring = Ring();

        Assert.Equal(newest, (await ring.NewestAsync(default)).Version);
        Assert.NotNull(await ring.FindAsync(old, default));
        Assert.Equal(32, (await ring.BlindIndexKeyAsync(default)).Length);
    }

    [Fact]
    public async Task PicksUpARotationAfterTheRefreshPeriodWithoutARestart()
    {
        var first = _vault.AddKek(_clock.GetUtcNow().AddDays(-1));
        var ring = Ring();
        Assert.Equal(first, (await ring.NewestAsync(default)).Version);

        var rotated = _vault.AddKek(_clock.GetUtcNow());
        Assert.Equal(first, (await ring.NewestAsync(default)).Version); // cached
        _clock.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal(rotated, (await ring.NewestAsync(default)).Version);
    }

    [Fact]
    public async Task FindsAVersionAnotherInstanceRotatedToBeforeItsOwnRefresh()
    {
        _vault.AddKek(_clock.GetUtcNow().AddDays(-1));
        var ring = Ring();
        await ring.NewestAsync(default);

        var rotated = _vault.AddKek(_clock.GetUtcNow());

        Assert.NotNull(await ring.FindAsync(rotated, default));
    }

    [Fact]
    public async Task FailsLoudlyWhenNoEnabledKekExists()
    {
        _vault.AddKek(_clock.GetUtcNow(), enabled: false);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Ring().NewestAsync(default));
    }

    [Fact]
    public async Task FailsLoudlyWhenAKekIsNotThirtyTwoBytes()
    {
        _vault.AddKek(_clock.GetUtcNow(), value: Convert.ToBase64String(new byte[16]));

        await Assert.ThrowsAsync<InvalidOperationException>(() => Ring().NewestAsync(default));
    }

    private sealed class FakeSecretClient : SecretClient
    {
        private readonly List<(SecretProperties Properties, string Value)> _keks = [];
        private readonly string _blindIndexKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

        public string AddKek(DateTimeOffset createdOn, bool enabled = true, string? value = null)
        {
            var version = Guid.NewGuid().ToString("N");
            var properties = SecretModelFactory.SecretProperties(
                new Uri($"https://vault.example/secrets/booking-kek/{version}"), name: "booking-kek", version: version, createdOn: createdOn);
            properties.Enabled = enabled;
            _keks.Add((properties, value ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
            return version;
        }

        public override AsyncPageable<SecretProperties> GetPropertiesOfSecretVersionsAsync(string name, CancellationToken cancellationToken = default) =>
            AsyncPageable<SecretProperties>.FromPages([Page<SecretProperties>.FromValues(_keks.Select(k => k.Properties).ToList(), null, new NoResponse())]);

        public override Task<Response<KeyVaultSecret>> GetSecretAsync(string name, string? version = null, CancellationToken cancellationToken = default) =>
            GetSecretAsync(name, version, null, cancellationToken);

        public override Task<Response<KeyVaultSecret>> GetSecretAsync(string name, string? version, SecretContentType? outContentType, CancellationToken cancellationToken = default)
        {
            var value = name == "booking-kek" ? _keks.Single(k => k.Properties.Version == version).Value : _blindIndexKey;
            return Task.FromResult(Response.FromValue(SecretModelFactory.KeyVaultSecret(SecretModelFactory.SecretProperties(name: name, version: version), value), new NoResponse()));
        }
    }

    private sealed class NoResponse : Response
    {
        public override int Status => 200;

        public override string ReasonPhrase => "OK";

        public override Stream? ContentStream { get; set; }

        public override string ClientRequestId { get; set; } = string.Empty;

        public override void Dispose()
        {
        }

        protected override bool ContainsHeader(string name) => false;

        protected override IEnumerable<Azure.Core.HttpHeader> EnumerateHeaders() => [];

        protected override bool TryGetHeader(string name, out string value)
        {
            value = string.Empty;
            return false;
        }

        protected override bool TryGetHeaderValues(string name, out IEnumerable<string> values)
        {
            values = [];
            return false;
        }
    }
}
