using Azure;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Booking.Tests.Shared;

namespace Booking.StandIns.Tests;

[Collection(ProcessEnvironmentCollection.Name)]
public sealed class KeyVaultSecretsStandInTests : IAsyncLifetime
{
    private static readonly SecretClientOptions LoopbackVault = new() { DisableChallengeResourceVerification = true };
    private TestCertificateAuthority _ca = null!;
    private ManagedIdentityEndpoint _identity = null!;
    private KeyVaultSecretsStandIn _vault = null!;
    private EnvironmentVariables _env = null!;

    public async Task InitializeAsync()
    {
        _ca = TestCertificateAuthority.Create();
        _identity = await ManagedIdentityEndpoint.StartAsync(Guid.NewGuid().ToString());
        _vault = await KeyVaultSecretsStandIn.StartAsync(_ca, _identity);
        _env = _identity.UseInThisProcess(azureClientId: _identity.ClientId);
    }

    public async Task DisposeAsync()
    {
        _env.Dispose();
        await _vault.DisposeAsync();
        await _identity.DisposeAsync();
        _ca.Dispose();
    }

    [Fact]
    public async Task SecretClientReadsVersionsAsTheKeyRingDoesWithTheManagedIdentityToken()
    {
        var first = _vault.AddVersion("kek", "first");
        var disabled = _vault.AddVersion("kek", "disabled", enabled: false);
        var newest = _vault.AddVersion("kek", "newest");
        _vault.AddVersion("blind-index", "blind");
        var client = new SecretClient(_vault.VaultUri, new DefaultAzureCredential(), LoopbackVault);

        var versions = new List<SecretProperties>();
        await foreach (var p in client.GetPropertiesOfSecretVersionsAsync("kek"))
        {
            versions.Add(p);
        }

        Assert.Equal([first, disabled, newest], versions.Select(v => v.Version));
        Assert.Equal([true, false, true], versions.Select(v => v.Enabled));
        Assert.True(versions[0].CreatedOn < versions[2].CreatedOn);
        Assert.Equal("first", (await client.GetSecretAsync("kek", first)).Value.Value);
        Assert.Equal("newest", (await client.GetSecretAsync("kek")).Value.Value);
        Assert.Equal("blind", (await client.GetSecretAsync("blind-index")).Value.Value);
        var refused = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetSecretAsync("kek", disabled));
        Assert.Equal(403, refused.Status);
        var missing = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetSecretAsync("missing"));
        Assert.Equal(404, missing.Status);
    }

    [Fact]
    public async Task ChallengesFirstThenAcceptsTheVaultAudience()
    {
        _vault.AddVersion("s", "v");
        var client = new SecretClient(_vault.VaultUri, new DefaultAzureCredential(), LoopbackVault);

        await client.GetSecretAsync("s");

        var requests = _vault.Requests;
        Assert.Equal(401, requests[0].Status);
        Assert.False(requests[0].Headers.ContainsKey("authorization"));
        Assert.Equal(200, requests[^1].Status);
        var asked = System.Web.HttpUtility.ParseQueryString(new Uri(_identity.Endpoint, _identity.Requests[^1].PathAndQuery).Query);
        Assert.Equal("https://vault.azure.net", asked["resource"]);
    }

    [Fact]
    public async Task SecretClientRefusesTheLoopbackChallengeWithoutDisableChallengeResourceVerification()
    {
        _vault.AddVersion("s", "v");
        var client = new SecretClient(_vault.VaultUri, new DefaultAzureCredential());

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetSecretAsync("s"));

        Assert.Contains("does not match the requested domain", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusesATokenForAnotherAudience()
    {
        _vault.AddVersion("s", "v");
        var client = new SecretClient(_vault.VaultUri, new StaticTokenCredential(_identity.IssueToken("https://storage.azure.com")), LoopbackVault);

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetSecretAsync("s"));

        Assert.Equal(401, failure.Status);
    }

    [Fact]
    public async Task SetsTagsAndUpdatesAVersionsPropertiesAsSecretClientSendsThem()
    {
        var client = new SecretClient(_vault.VaultUri, new DefaultAzureCredential(), LoopbackVault);
        var secret = new KeyVaultSecret("kek-2026-12", "value");
        secret.Properties.Tags["epoch"] = "2026-12";
        secret.Properties.ContentType = "application/octet-stream;base64";

        var set = (await client.SetSecretAsync(secret)).Value;
        var listed = Assert.Single(await VersionsAsync(client, "kek-2026-12"));
        Assert.Equal("2026-12", listed.Tags["epoch"]);
        Assert.Equal("application/octet-stream;base64", listed.ContentType);

        listed.Enabled = false;
        listed.Tags.Clear();
        listed.Tags["unused-since"] = "2026-12-01T04:00:00Z";
        var updated = (await client.UpdateSecretPropertiesAsync(listed)).Value;

        Assert.Equal(set.Properties.Version, updated.Version);
        Assert.False(updated.Enabled);
        Assert.Equal(["unused-since"], updated.Tags.Keys); // tags sent replace the old ones as a whole
        Assert.Equal(403, (await Assert.ThrowsAsync<RequestFailedException>(() => client.GetSecretAsync("kek-2026-12", set.Properties.Version))).Status);
        Assert.False(_vault.Describe("kek-2026-12", set.Properties.Version)!.Value.Enabled);
    }

    [Fact]
    public async Task ADeletedSecretMovesToTheDeletedStateWhereItCanBeReadButNotReused()
    {
        _vault.AddVersion("kek-2026-11", "one");
        _vault.AddVersion("kek-2026-11", "two");
        var client = new SecretClient(_vault.VaultUri, new DefaultAzureCredential(), LoopbackVault);

        var operation = await client.StartDeleteSecretAsync("kek-2026-11");
        var deleted = (await operation.WaitForCompletionAsync()).Value;

        Assert.Equal(new Uri(_vault.VaultUri, "deletedsecrets/kek-2026-11"), deleted.RecoveryId);
        Assert.Equal(deleted.DeletedOn!.Value.AddDays(90), deleted.ScheduledPurgeDate);
        Assert.Equal("kek-2026-11", (await client.GetDeletedSecretAsync("kek-2026-11")).Value.Name);
        Assert.Equal(404, (await Assert.ThrowsAsync<RequestFailedException>(() => client.GetSecretAsync("kek-2026-11"))).Status);
        Assert.Empty(_vault.SecretNames);
        await foreach (var _ in client.GetPropertiesOfSecretsAsync())
        {
            Assert.Fail("a deleted secret is listed");
        }

        Assert.Equal(409, (await Assert.ThrowsAsync<RequestFailedException>(() => client.SetSecretAsync("kek-2026-11", "again"))).Status);
        Assert.Equal(404, (await Assert.ThrowsAsync<RequestFailedException>(() => client.StartDeleteSecretAsync("kek-2026-11"))).Status);
    }

    [Fact]
    public async Task APurgeIsRefusedWith403UnderPurgeProtectionAndDestroysTheSecretWithout()
    {
        _vault.AddVersion("kek-2026-11", "one");
        var client = new SecretClient(_vault.VaultUri, new DefaultAzureCredential(), LoopbackVault);
        await (await client.StartDeleteSecretAsync("kek-2026-11")).WaitForCompletionAsync();

        var refused = await Assert.ThrowsAsync<RequestFailedException>(() => client.PurgeDeletedSecretAsync("kek-2026-11"));
        Assert.Equal(403, refused.Status);
        Assert.Contains("purge protection is enabled", refused.Message, StringComparison.Ordinal);
        Assert.Equal(["kek-2026-11"], _vault.DeletedNames);

        _vault.PurgeProtection = false;
        await client.PurgeDeletedSecretAsync("kek-2026-11");

        Assert.Empty(_vault.DeletedNames);
        Assert.Equal(404, (await Assert.ThrowsAsync<RequestFailedException>(() => client.GetDeletedSecretAsync("kek-2026-11"))).Status);
        await client.SetSecretAsync("kek-2026-11", "a new one"); // the name is free again
    }

    private static async Task<List<SecretProperties>> VersionsAsync(SecretClient client, string name)
    {
        var versions = new List<SecretProperties>();
        await foreach (var p in client.GetPropertiesOfSecretVersionsAsync(name))
        {
            versions.Add(p);
        }

        return versions;
    }

    [Fact]
    public void ResolvesKeyVaultReferencesAsThePlatformDoes()
    {
        var old = _vault.AddVersion("sms-key", "old");
        _vault.AddVersion("sms-key", "new");

        Assert.Equal("new", _vault.ResolveReference("@Microsoft.KeyVault(SecretUri=https://kv-abc.vault.azure.net/secrets/sms-key/)"));
        Assert.Equal("old", _vault.ResolveReference($"@Microsoft.KeyVault(SecretUri=https://kv-abc.vault.azure.net/secrets/sms-key/{old})"));
        Assert.Equal("new", _vault.ResolveReference("@Microsoft.KeyVault(VaultName=kv-abc;SecretName=sms-key)"));
        Assert.Equal("plain", _vault.ResolveReference("plain"));
        Assert.Throws<InvalidOperationException>(() => _vault.ResolveReference("@Microsoft.KeyVault(SecretUri=https://kv-abc.vault.azure.net/secrets/nope/)"));
    }
}
