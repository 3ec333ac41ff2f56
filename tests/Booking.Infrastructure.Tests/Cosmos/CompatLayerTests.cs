using System.Net;
using System.Text.Json;
using Microsoft.Azure.Cosmos;

namespace Booking.Infrastructure.Tests.Cosmos;

/// <summary>
/// The fixes tests/cosmos-compat makes to the local server, seen through the SDK (against a real Cosmos endpoint
/// these hold as they are). 404 and TTL are covered by the contract and adapter tests.
/// </summary>
[Collection(CosmosCollection.Name)]
public sealed class CompatLayerTests(CosmosFixture cosmos)
{
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task AQueryScopedByThePartitionKeyHeaderAloneSeesThatPartitionOnly()
    {
        await SeedAsync();

        var found = await QueryAsync("SELECT * FROM c", new QueryRequestOptions { PartitionKey = new PartitionKey($"p1:{_run}") });

        Assert.Equal(["a"], found.Select(Id));
    }

    [Fact]
    public async Task ACrossPartitionQueryGetsAQueryPlanAndSeesEveryPartition()
    {
        await SeedAsync();

        var found = await QueryAsync($"SELECT * FROM c WHERE c.run = '{_run}'", new QueryRequestOptions());

        Assert.Equal(["a", "b"], found.Select(Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ConnectionsAreKeptAlive()
    {
        if (!cosmos.Server.IsLocal)
        {
            return; // a real account answers an unsigned request with 401; nothing of ours to check there
        }

#pragma warning disable CA5359 // The local server's self-signed certificate.
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
#pragma warning restore CA5359
        using var http = new HttpClient(handler);

        using var response = await http.GetAsync(cosmos.Server.Endpoint);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(true, response.Headers.ConnectionClose);
    }

    private static string Id(JsonElement item) => item.GetProperty("id").GetString()!;

    private async Task SeedAsync()
    {
        await cosmos.Container.CreateItemAsync(new { id = "a", pk = $"p1:{_run}", run = _run }, new PartitionKey($"p1:{_run}"));
        await cosmos.Container.CreateItemAsync(new { id = "b", pk = $"p2:{_run}", run = _run }, new PartitionKey($"p2:{_run}"));
    }

    private async Task<List<JsonElement>> QueryAsync(string sql, QueryRequestOptions options)
    {
        var found = new List<JsonElement>();
        using var pages = cosmos.Container.GetItemQueryIterator<JsonElement>(new QueryDefinition(sql), requestOptions: options);
        while (pages.HasMoreResults)
        {
            found.AddRange(await pages.ReadNextAsync());
        }

        return found;
    }
}
