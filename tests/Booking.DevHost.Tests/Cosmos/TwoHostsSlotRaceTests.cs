using System.Net;

namespace Booking.DevHost.Tests.Cosmos;

/// <summary>Two instances of the app on one Cosmos database: the store, not a lock in one process, decides a slot.</summary>
[Collection(CosmosHostCollection.Name)]
public sealed class TwoHostsSlotRaceTests(CosmosServerFixture cosmos) : IAsyncLifetime
{
    private DevHostFixture _first = null!;
    private DevHostFixture _second = null!;

    public async Task InitializeAsync()
    {
        var database = CosmosServerFixture.NewDatabaseName();
        // Two instances share the database and, as they would share Key Vault in Azure, the key ring.
        var keyRing = $"--KeyRing:Directory={Directory.CreateTempSubdirectory("booking-shared-keyring-").FullName}";
        _first = await DevHostFixture.StartAsync(extraArgs: [.. cosmos.HostArgs(database), keyRing]);
        _second = await DevHostFixture.StartAsync(extraArgs: [.. cosmos.HostArgs(database), keyRing]);
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
    }

    [Fact]
    public async Task ExactlyOneOfTwentyPatientsOnTwoHostsGetsTheSlot()
    {
        Assert.NotEqual(_first.DataDirectory, _second.DataDirectory);
        var practitioner = await Scenario.PractitionerAsync(_first.Client);
        var slot = (await Scenario.FreeSlotIdsAsync(_second.Client, practitioner.Id))[3];
        var hosts = Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? _first : _second).Client).ToList();
        var tokens = await Task.WhenAll(hosts.Select((api, i) => api.TokenAsync($"racer-{i}", "patient")));

        var replies = await Task.WhenAll(hosts.Select((api, i) =>
            Task.Run(() => api.PostAsync("/api/appointments", Scenario.Booking(slot, firstName: $"Racer{i}"), tokens[i], "race"))));

        Assert.Single(replies, r => r.Status == HttpStatusCode.Created);
        Assert.Equal(19, replies.Count(r => r.Status == HttpStatusCode.Conflict));
        var date = replies.Single(r => r.Status == HttpStatusCode.Created).Body["start"]!.GetValue<string>()[..10];
        foreach (var host in new[] { _first, _second })
        {
            var token = await host.Client.TokenAsync("prac-" + practitioner.Id, "practitioner", practitioner.Id);
            var agenda = await host.Client.GetAsync($"/api/practitioners/{practitioner.Id}/agenda?date={date}", token);
            Assert.Single(agenda.Body["appointments"]!.AsArray());
        }

        Assert.DoesNotContain(slot, await Scenario.FreeSlotIdsAsync(_first.Client, practitioner.Id));
    }
}
