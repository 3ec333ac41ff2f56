using System.Net;
using Booking.Application.Storage;
using Booking.Infrastructure.Cosmos;
using Booking.Infrastructure.Tests.Storage;
using Booking.Tests.Shared;
using Microsoft.Azure.Cosmos;
using Xunit.Abstractions;

namespace Booking.Infrastructure.Tests.Cosmos;

/// <summary>
/// Rate limiting (429) as the adapter meets it: the real SDK, configured as the app configures it, against the
/// compatibility layer answering chosen requests with 429 (tests/cosmos-compat/throttle.js). Waits are read off the
/// server's record of when each request arrived, never off this process's clock.
/// </summary>
[Collection(CompatLayerCosmosCollection.Name)]
public sealed class CosmosThrottlingTests(CompatLayerCosmosFixture cosmos, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly CosmosDocumentStore<ContractDocument> _store = new(cosmos.Containers, TimeProvider.System);
    private readonly string _partition = "throttled:" + Guid.NewGuid().ToString("N");
    private long _before;

    private CosmosCompatControl Control => cosmos.Control;

    /// <summary>The SDK's tries of one request when every one is throttled: the first and each retry of the budget.</summary>
    private int TriesWithinTheBudget => 1 + cosmos.Options.MaxRetryAttemptsOnRateLimitedRequests;

    public async Task InitializeAsync() => _before = await Control.LastRequestAsync();

    public Task DisposeAsync() => Control.StopThrottlingAsync();

    [Fact]
    public async Task APointWriteThrottledTwiceIsRetriedNoSoonerThanTheRetryAfterEachTimeAndSucceeds()
    {
        var key = new DocumentKey(_partition, "twice");
        await Control.ThrottleAsync(new ThrottleRule(Count: 2, RetryAfterMs: 50, Operation: "upsert", PartitionKey: _partition));

        await _store.UpsertAsync(key, ContractDocument.Named("after two 429s"), null, CancellationToken.None);

        var tries = await RequestsAsync("upsert");
        output.WriteLine(string.Join(", ", tries.Select(r => $"{r.Status} at {r.ArrivedAt - tries[0].ArrivedAt:F1} ms")));
        Assert.Equal([true, true, false], tries.Select(r => r.Throttled));
        Assert.Equal([429, 429], tries.Take(2).Select(r => r.Status));
        Assert.InRange(tries[2].Status ?? 0, 200, 299);
        // Arrival to arrival spans the 429's way back, the SDK's wait and the retry's way here: at least the wait asked for.
        Assert.All(tries.Zip(tries.Skip(1)), pair => Assert.True(
            pair.Second.ArrivedAt - pair.First.ArrivedAt >= 50,
            $"retried {pair.Second.ArrivedAt - pair.First.ArrivedAt:F1} ms after a 429 that asked for 50 ms"));
        Assert.True(tries[2].ArrivedAt - tries[0].ArrivedAt >= 100);
        Assert.Equal("after two 429s", (await _store.ReadAsync(key, CancellationToken.None))?.Value.Name);
    }

    [Fact]
    public async Task ACreateThrottledPastTheRetryBudgetIsStoreUnavailableWritesNothingAndALaterRetryCreatesIt()
    {
        var key = new DocumentKey(_partition, "beyond-budget");
        await Control.ThrottleAsync(new ThrottleRule(RetryAfterMs: 10, Operation: "create", PartitionKey: _partition));

        var failure = await Assert.ThrowsAsync<StoreUnavailableException>(
            () => _store.TryCreateAsync(key, ContractDocument.Named("first try"), null, CancellationToken.None));

        Assert.Contains("429", failure.Message, StringComparison.Ordinal);
        var tries = await RequestsAsync("create");
        Assert.Equal(TriesWithinTheBudget, tries.Count);
        Assert.All(tries, r => Assert.Equal(429, r.Status));

        await Control.StopThrottlingAsync();
        Assert.Null(await _store.ReadAsync(key, CancellationToken.None));
        // Created, not refused as taken: the throttled attempt left nothing behind.
        Assert.NotNull(await _store.TryCreateAsync(key, ContractDocument.Named("later"), null, CancellationToken.None));
        Assert.Equal("later", (await _store.ReadAsync(key, CancellationToken.None))?.Value.Name);
    }

    [Fact]
    public async Task AQueryThrottledPastTheRetryBudgetIsStoreUnavailableCarryingTheSdksThrottlingError()
    {
        await Control.ThrottleAsync(new ThrottleRule(RetryAfterMs: 10, Operation: "query", PartitionKey: _partition));

        var failure = await Assert.ThrowsAsync<StoreUnavailableException>(
            () => _store.ReadPartitionAsync(_partition, CancellationToken.None));

        var throttled = Assert.IsType<CosmosException>(failure.InnerException);
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal(3200, throttled.SubStatusCode);
        Assert.Equal(TriesWithinTheBudget, (await RequestsAsync("query")).Count);
    }

    // Also shows that the SDK reads the server's x-ms-retry-after-ms: without one it would wait its own 5 s and retry.
    [Fact]
    public async Task AThrottleAskingForMoreThanTheWaitBudgetFailsAtOnceWithoutARetry()
    {
        var waitBudget = cosmos.Options.MaxRetryWaitTimeOnRateLimitedRequests;
        await Control.ThrottleAsync(new ThrottleRule(
            RetryAfterMs: (int)waitBudget.TotalMilliseconds + 1000, Operation: "read", PartitionKey: _partition));

        await Assert.ThrowsAsync<StoreUnavailableException>(
            () => _store.ReadAsync(new DocumentKey(_partition, "any"), CancellationToken.None));

        Assert.Single(await RequestsAsync("read"));
    }

    [Fact]
    public async Task AThrottledAnswerCarriesTheRetryAfterSubstatusAndMessageCosmosSendsAndCountsDown()
    {
        var options = cosmos.Options;
        using var noRetries = CosmosClientFactory.Create(
            new CosmosOptions
            {
                Endpoint = options.Endpoint,
                Key = options.Key,
                AcceptAnyServerCertificate = true,
                MaxRetryAttemptsOnRateLimitedRequests = 0,
            },
            isDevelopment: true);
        var container = noRetries.GetContainer(options.DatabaseName, "contract");
        await Control.ThrottleAsync(new ThrottleRule(Count: 1, RetryAfterMs: 50, Operation: "read", PartitionKey: _partition));

        using var throttled = await container.ReadItemStreamAsync("absent", new PartitionKey(_partition));
        using var next = await container.ReadItemStreamAsync("absent", new PartitionKey(_partition));

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal("50", throttled.Headers["x-ms-retry-after-ms"]);
        Assert.Equal("3200", throttled.Headers["x-ms-substatus"]);
        Assert.Contains("Request rate is large", throttled.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, next.StatusCode);
    }

    private async Task<List<CompatRequest>> RequestsAsync(string operation) =>
        [.. (await Control.RequestsAsync(_before)).Where(r => r.Operation == operation && r.PartitionKey == _partition)];
}
