using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Booking.Infrastructure.KeyVault;
using Microsoft.Extensions.Options;

namespace Booking.StandIns.Tests;

/// <summary>The product's key ring against the vault stand-in: the calls it makes are the ones the stand-in serves.</summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class KeyVaultKeyRingTests
{
    [Fact]
    public async Task TheKeyRingLoadsEnabledVersionsAndWrapsWithTheNewest()
    {
        using var ca = TestCertificateAuthority.Create();
        await using var identity = await ManagedIdentityEndpoint.StartAsync(Guid.NewGuid().ToString());
        await using var vault = await KeyVaultSecretsStandIn.StartAsync(ca, identity);
        using var env = identity.UseInThisProcess(azureClientId: identity.ClientId);
        var oldKek = vault.AddVersion("booking-kek", Key(1));
        vault.AddVersion("booking-kek", Key(2), enabled: false);
        var newKek = vault.AddVersion("booking-kek", Key(3));
        vault.AddVersion("booking-blind-index-key", Key(4));
        var client = new SecretClient(vault.VaultUri, new DefaultAzureCredential(), new SecretClientOptions { DisableChallengeResourceVerification = true });
        using var ring = new KeyVaultKeyRing(client, Options.Create(new KeyVaultOptions { VaultUri = vault.VaultUri }), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<KeyVaultKeyRing>.Instance);

        var newest = await ring.NewestAsync(default);

        Assert.Equal(newKek, newest.Version);
        Assert.Equal(Convert.FromBase64String(Key(1)), (await ring.FindAsync(oldKek, default))!.Key);
        Assert.Equal(Convert.FromBase64String(Key(4)), await ring.BlindIndexKeyAsync(default));
    }

    private static string Key(byte fill) => Convert.ToBase64String(Enumerable.Repeat(fill, 32).ToArray());
}
