using System.Net;
using Booking.Application.Storage;
using Booking.Infrastructure.Cosmos;
using Booking.Infrastructure.Tests.Storage;
using Microsoft.Azure.Cosmos;
using NodaTime;

namespace Booking.Infrastructure.Tests.Cosmos;

/// <summary>What the Cosmos adapter does beyond the contract: the stored shape, TTL, and configuration it refuses.</summary>
[Collection(CosmosCollection.Name)]
public sealed class CosmosAdapterTests(CosmosFixture cosmos)
{
    private readonly CosmosDocumentStore<ContractDocument> _store = new(cosmos.Containers, TimeProvider.System);
    private readonly string _partition = "adapter:" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task StoresAnEnvelopeWithTypeTtlAndTheDocumentUnderDoc()
    {
        var expiresAt = Instant.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(1));
        await _store.UpsertAsync(new DocumentKey(_partition, "a/b"), ContractDocument.Named("x"), expiresAt, CancellationToken.None);

        var page = await cosmos.Container.GetItemQueryIterator<System.Text.Json.JsonElement>(
            new QueryDefinition("SELECT * FROM c WHERE c.pk = @pk").WithParameter("@pk", _partition),
            requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(_partition) }).ReadNextAsync();

        var item = Assert.Single(page);
        Assert.Equal(CosmosIds.Encode("a/b"), item.GetProperty("id").GetString());
        Assert.DoesNotContain('/', item.GetProperty("id").GetString()!);
        Assert.Equal(nameof(ContractDocument), item.GetProperty("type").GetString());
        Assert.InRange(item.GetProperty("ttl").GetInt32(), 3590, 3600);
        Assert.Equal("doc-own-id", item.GetProperty("doc").GetProperty("id").GetString());
    }

    [Fact]
    public async Task CosmosDeletesAnItemOnceItsTtlHasPassed()
    {
        var key = new DocumentKey(_partition, "short-lived");
        await _store.UpsertAsync(key, ContractDocument.Named("x"), Instant.FromDateTimeOffset(DateTimeOffset.UtcNow.AddSeconds(1)), CancellationToken.None);

        var deadline = DateTime.UtcNow.AddSeconds(cosmos.Server.IsLocal ? 30 : 120);
        HttpStatusCode status;
        do
        {
            await Task.Delay(500);
            using var raw = await cosmos.Container.ReadItemStreamAsync(key.Id, new PartitionKey(key.Partition));
            status = raw.StatusCode;
        }
        while (status == HttpStatusCode.OK && DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public void AcceptingAnyCertificateIsRefusedOutsideDevelopment()
    {
        var options = new CosmosOptions { Endpoint = new Uri("https://127.0.0.1:8081/"), Key = "a2V5", AcceptAnyServerCertificate = true };

        var refused = Assert.Throws<InvalidOperationException>(() => CosmosClientFactory.Create(options, isDevelopment: false));
        Assert.Contains("Development", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LocalServersUseGatewayLimitedToTheEndpointAndAzureUsesDirect()
    {
        using var local = CosmosClientFactory.Create(
            new CosmosOptions { Endpoint = new Uri("https://127.0.0.1:8081/"), Key = "a2V5", AcceptAnyServerCertificate = true }, isDevelopment: true);
        using var azure = CosmosClientFactory.Create(
            new CosmosOptions { Endpoint = new Uri("https://booking.documents.azure.com/") },
            isDevelopment: false,
            AppIdentity.Credential(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()));

        Assert.Equal((ConnectionMode.Gateway, true), (local.ClientOptions.ConnectionMode, local.ClientOptions.LimitToEndpoint));
        Assert.Equal((ConnectionMode.Direct, false), (azure.ClientOptions.ConnectionMode, azure.ClientOptions.LimitToEndpoint));
        Assert.Equal(5, azure.ClientOptions.MaxRetryAttemptsOnRateLimitedRequests);
    }

    [Fact]
    public async Task AnUnreachableAccountIsStoreUnavailable()
    {
        var options = new CosmosOptions
        {
            Endpoint = new Uri("https://127.0.0.1:9/"), Key = "a2V5", AcceptAnyServerCertificate = true, RequestTimeout = TimeSpan.FromSeconds(2),
        };
        options.Containers["Contract"] = "contract";
        using var client = CosmosClientFactory.Create(options, isDevelopment: true);
        var store = new CosmosDocumentStore<ContractDocument>(
            new CosmosContainers(client, options, new CosmosContainerMap().Map<ContractDocument>("Contract")), TimeProvider.System);

        await Assert.ThrowsAsync<StoreUnavailableException>(() => store.ReadAsync(new DocumentKey("p", "i"), CancellationToken.None));
    }

    [Fact]
    public async Task AnUnmappedDocumentTypeNamesTheMapToExtend()
    {
        var store = new CosmosDocumentStore<Uri>(cosmos.Containers, TimeProvider.System);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.ReadAsync(new DocumentKey("p", "i"), CancellationToken.None));
        Assert.Contains(nameof(CosmosContainerMap), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("profile")]
    [InlineData("a/b\\c?d#e")]
    [InlineData("~b64~x")]
    [InlineData("trailing ")]
    public void IdsRoundTripAndNeverHoldCharactersCosmosRefuses(string id)
    {
        var encoded = CosmosIds.Encode(id);

        Assert.Equal(id, CosmosIds.Decode(encoded));
        Assert.True(encoded.AsSpan().IndexOfAny("/\\?#") < 0);
    }
}
