using Microsoft.Extensions.Configuration;
using System.Net;
using Azure.Core;
using Booking.Infrastructure.Cosmos;
using Microsoft.Azure.Cosmos;

namespace Booking.StandIns.Tests;

[Collection(ProcessEnvironmentCollection.Name)]
public sealed class CosmosServerWithAadTests : IAsyncLifetime
{
    private TestCertificateAuthority _ca = null!;
    private ManagedIdentityEndpoint _identity = null!;
    private CosmosServerWithAad _cosmos = null!;

    public async Task InitializeAsync()
    {
        _ca = TestCertificateAuthority.Create();
        _identity = await ManagedIdentityEndpoint.StartAsync(Guid.NewGuid().ToString());
        _cosmos = await CosmosServerWithAad.StartAsync(_ca, _identity, log: true);
    }

    public async Task DisposeAsync()
    {
        await _cosmos.DisposeAsync();
        await _identity.DisposeAsync();
        _ca.Dispose();
    }

    [Fact]
    public async Task TheProductsClientWritesAndReadsWithTheManagedIdentityTokenOverTrustedHttps()
    {
        using var env = _identity.UseInThisProcess(azureClientId: _identity.ClientId);
        using var client = CosmosClientFactory.Create(
            new CosmosOptions { Endpoint = _cosmos.Endpoint },
            isDevelopment: false,
            Booking.Infrastructure.AppIdentity.Credential(new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AZURE_CLIENT_ID"] = _identity.ClientId }).Build()));

        var container = await CreateContainerAsync(client);
        await container.UpsertItemAsync(new Item("a", "p1", "hello"), new PartitionKey("p1"));
        var read = await container.ReadItemAsync<Item>("a", new PartitionKey("p1"));

        Assert.Equal("hello", read.Resource.Text);
        var asked = System.Web.HttpUtility.ParseQueryString(new Uri(_identity.Endpoint, _identity.Requests[^1].PathAndQuery).Query);
        Assert.Equal(CosmosServerWithAad.Audience, asked["resource"]);
        Assert.Contains("-> 200", _cosmos.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusesTheAccountKeyWith403AsAnAccountWithoutLocalAuth()
    {
        using var client = new CosmosClient(_cosmos.Endpoint.ToString(), "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==", Gateway());

        var failure = await Assert.ThrowsAsync<CosmosException>(() => client.ReadAccountAsync());

        Assert.Equal(HttpStatusCode.Forbidden, failure.StatusCode);
    }

    [Fact]
    public async Task RefusesATokenForAnotherAudienceWith401()
    {
        using var client = new CosmosClient(_cosmos.Endpoint.ToString(), new FixedToken(_identity.IssueToken("https://vault.azure.net")), Gateway());

        var failure = await Assert.ThrowsAsync<CosmosException>(() => client.ReadAccountAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, failure.StatusCode);
    }

    private static CosmosClientOptions Gateway() => new() { ConnectionMode = ConnectionMode.Gateway, LimitToEndpoint = true, RequestTimeout = TimeSpan.FromSeconds(10) };

    private static async Task<Container> CreateContainerAsync(CosmosClient client)
    {
        Database database = await client.CreateDatabaseIfNotExistsAsync("standins");
        return await database.CreateContainerIfNotExistsAsync(new ContainerProperties("items", "/pk"));
    }

    private sealed record Item(string Id, string Pk, string Text);

    private sealed class FixedToken(string token) : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => new(token, DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => new(GetToken(requestContext, cancellationToken));
    }
}
