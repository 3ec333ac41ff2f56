using Booking.DevHost.Tests.Cosmos;
using Booking.Reliability.Scenarios;

namespace Booking.DevHost.Tests.Reliability;

/// <summary>
/// The reliability bench's contention run, smaller: many patients on many slots at once (the single-slot races
/// are SlotRaceTests and TwoHostsSlotRaceTests). bench/Booking.Reliability runs it at 1,000 clients for 100 slots.
/// </summary>
public sealed class ContentionTests
{
    [Fact]
    public async Task TwoHundredPatientsRacingForTwentySlotsGetTwentyConfirmationsAndOnly409sOtherwise()
    {
        await using var host = await DevHostFixture.StartAsync();
        using var api = BookingApi.For(host.Client.Http.BaseAddress!);

        var result = await ContentionScenario.RunAsync("contention", [api], new ContentionScenario.Size(Clients: 200, Slots: 20));

        Assert.True(result.Passed, result.Failures);
        Assert.Equal(20, result.Counts["created"]);
        Assert.Equal(180, result.Counts["conflicts"]);
    }
}

[Collection(CosmosHostCollection.Name)]
public sealed class ContentionOnCosmosTests(CosmosServerFixture cosmos)
{
    [Fact]
    public async Task APatientsRaceSpreadOverTwoHostsOnOneCosmosDatabaseGivesEachSlotOnce()
    {
        var database = CosmosServerFixture.NewDatabaseName();
        var keyRing = $"--KeyRing:Directory={Directory.CreateTempSubdirectory("booking-shared-keyring-").FullName}";
        await using var first = await DevHostFixture.StartAsync(extraArgs: [.. cosmos.HostArgs(database), keyRing]);
        await using var second = await DevHostFixture.StartAsync(extraArgs: [.. cosmos.HostArgs(database), keyRing]);
        using var a = BookingApi.For(first.Client.Http.BaseAddress!);
        using var b = BookingApi.For(second.Client.Http.BaseAddress!);

        var result = await ContentionScenario.RunAsync("contention-cosmos", [a, b], new ContentionScenario.Size(Clients: 100, Slots: 10));

        Assert.True(result.Passed, result.Failures);
        Assert.Equal(10, result.Counts["created"]);
    }
}
