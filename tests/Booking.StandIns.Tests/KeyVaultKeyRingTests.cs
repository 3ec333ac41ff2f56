using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Booking.Application.Privacy;
using Booking.Infrastructure.KeyVault;
using Microsoft.Extensions.Options;

namespace Booking.StandIns.Tests;

/// <summary>The product's key ring against the vault stand-in: the calls it makes are the ones the stand-in serves.</summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class KeyVaultKeyRingTests
{
    [Fact]
    public async Task TheKeyRingCreatesAnEpochTagsRetiresAndLoadsThroughTheManagedIdentity()
    {
        using var ca = TestCertificateAuthority.Create();
        await using var identity = await ManagedIdentityEndpoint.StartAsync(Guid.NewGuid().ToString());
        await using var vault = await KeyVaultSecretsStandIn.StartAsync(ca, identity);
        using var env = identity.UseInThisProcess(azureClientId: identity.ClientId);
        var oldKek = vault.AddVersion("booking-kek-2026-11", Key(1));
        vault.AddVersion("booking-blind-index-key", Key(4));
        var client = new SecretClient(vault.VaultUri, new DefaultAzureCredential(), new SecretClientOptions { DisableChallengeResourceVerification = true });
        using var ring = new KeyVaultKeyRing(client, Options.Create(new KeyVaultOptions { VaultUri = vault.VaultUri }), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<KeyVaultKeyRing>.Instance);
        Assert.True(KekEpoch.TryParse("2026-11", out var november));
        Assert.True(KekEpoch.TryParse("2026-12", out var december));

        Assert.Equal(oldKek, (await ring.NewestAsync(default)).Version);
        Assert.True(await ring.EnsureEpochAsync(december, default));
        await ring.MarkUnusedSinceAsync(november, NodaTime.Instant.FromUtc(2026, 12, 1, 4, 0), default);
        Assert.Equal(KekRetirement.DeletedAwaitingPurge, await ring.RetireAsync(november, default));

        var newest = await ring.NewestAsync(default);
        Assert.Equal("booking-kek-2026-12", Assert.Single(vault.SecretNames, n => n.StartsWith("booking-kek-", StringComparison.Ordinal)));
        Assert.Null(await ring.FindAsync(oldKek, default));
        Assert.NotNull(await ring.FindAsync(newest.Version, default));
        Assert.Equal(Convert.FromBase64String(Key(4)), await ring.BlindIndexKeyAsync(default));
        Assert.DoesNotContain(vault.Requests, r => r.Status >= 500);
    }

    private static string Key(byte fill) => Convert.ToBase64String(Enumerable.Repeat(fill, 32).ToArray());
}
