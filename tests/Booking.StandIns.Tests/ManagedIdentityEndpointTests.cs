using Azure.Core;
using Azure.Identity;

namespace Booking.StandIns.Tests;

[Collection(ProcessEnvironmentCollection.Name)]
public sealed class ManagedIdentityEndpointTests
{
    private static readonly TokenRequestContext Vault = new(["https://vault.azure.net/.default"]);

    [Fact]
    public async Task DefaultAzureCredentialGetsAValidTokenGivenAzureClientIdIsTheConfiguredIdentity()
    {
        await using var identity = await ManagedIdentityEndpoint.StartAsync(Guid.NewGuid().ToString());
        using var env = identity.UseInThisProcess(azureClientId: identity.ClientId);

        var token = await new DefaultAzureCredential().GetTokenAsync(Vault, default);

        var validation = await identity.ValidateAsync(token.Token, "https://vault.azure.net");
        Assert.True(validation.IsValid, validation.Exception?.Message);
        Assert.Equal(identity.PrincipalId, validation.Claims["oid"]);
        var request = Assert.Single(identity.Requests);
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(identity.Endpoint, request.PathAndQuery).Query);
        Assert.Equal(identity.ClientId, query["client_id"]);
        Assert.Equal("2019-08-01", query["api-version"]);
        Assert.Equal("https://vault.azure.net", query["resource"]);
        Assert.Equal(identity.Header, request.Headers["x-identity-header"]);
    }

    [Fact]
    public async Task DefaultAzureCredentialFailsGivenManagedIdentityClientIdNull()
    {
        await using var identity = await ManagedIdentityEndpoint.StartAsync(Guid.NewGuid().ToString());
        using var env = identity.UseInThisProcess(azureClientId: identity.ClientId);

        var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = null });

        await Assert.ThrowsAnyAsync<AuthenticationFailedException>(() => credential.GetTokenAsync(Vault, default).AsTask());
        var request = Assert.Single(identity.Requests);
        Assert.DoesNotContain("client_id", request.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(400, request.Status);
    }

    [Fact]
    public async Task ManagedIdentityCredentialFailsGivenAnotherClientId()
    {
        await using var identity = await ManagedIdentityEndpoint.StartAsync(Guid.NewGuid().ToString());
        using var env = identity.UseInThisProcess();

        var credential = new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(Guid.NewGuid().ToString()));

        await Assert.ThrowsAnyAsync<AuthenticationFailedException>(() => credential.GetTokenAsync(Vault, default).AsTask());
        Assert.Equal(400, Assert.Single(identity.Requests).Status);
    }

    [Fact]
    public async Task RefusesARequestWithoutTheIdentityHeader()
    {
        await using var identity = await ManagedIdentityEndpoint.StartAsync(Guid.NewGuid().ToString());
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(identity.Endpoint, $"?api-version=2019-08-01&resource=https://vault.azure.net&client_id={identity.ClientId}"));

        Assert.Equal(401, (int)response.StatusCode);
    }

    [Fact]
    public async Task ValidateRefusesATokenForAnotherAudience()
    {
        await using var identity = await ManagedIdentityEndpoint.StartAsync(Guid.NewGuid().ToString());

        var validation = await identity.ValidateAsync(identity.IssueToken("https://storage.azure.com"), "https://vault.azure.net");

        Assert.False(validation.IsValid);
    }

    [Fact]
    public async Task UseInThisProcessRestoresTheVariablesOnDispose()
    {
        await using var identity = await ManagedIdentityEndpoint.StartAsync(Guid.NewGuid().ToString());
        var before = Environment.GetEnvironmentVariable("IDENTITY_ENDPOINT");

        using (identity.UseInThisProcess())
        {
            Assert.Equal(identity.Endpoint.ToString(), Environment.GetEnvironmentVariable("IDENTITY_ENDPOINT"));
        }

        Assert.Equal(before, Environment.GetEnvironmentVariable("IDENTITY_ENDPOINT"));
    }

    [Fact]
    public async Task ATokenCachedFromAnEarlierEndpointStillValidatesAtALaterOne()
    {
        var clientId = Guid.NewGuid().ToString();
        var principalId = Guid.NewGuid().ToString();
        var tenantId = Guid.NewGuid().ToString();
        await using (var first = await ManagedIdentityEndpoint.StartAsync(clientId, principalId, tenantId))
        using (first.UseInThisProcess())
        {
            await new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId)).GetTokenAsync(Vault, default);
        }

        await using var second = await ManagedIdentityEndpoint.StartAsync(clientId, principalId, tenantId);
        using var env = second.UseInThisProcess();
        var token = await new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId)).GetTokenAsync(Vault, default);

        Assert.True((await second.ValidateAsync(token.Token, "https://vault.azure.net")).IsValid);
        Assert.Empty(second.Requests); // MSAL's managed identity token cache is process-wide
    }
}
