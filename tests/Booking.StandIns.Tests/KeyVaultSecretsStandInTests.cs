using Azure;
using Azure.Core;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;

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
        var client = new SecretClient(_vault.VaultUri, new FixedToken(_identity.IssueToken("https://storage.azure.com")), LoopbackVault);

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetSecretAsync("s"));

        Assert.Equal(401, failure.Status);
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

    private sealed class FixedToken(string token) : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => new(token, DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => new(GetToken(requestContext, cancellationToken));
    }
}
