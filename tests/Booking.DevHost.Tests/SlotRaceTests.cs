using System.Net;

namespace Booking.DevHost.Tests;

public sealed class SlotRaceTests : IAsyncLifetime
{
    private DevHostFixture _host = null!;

    public async Task InitializeAsync() => _host = await DevHostFixture.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ExactlyOneOfAHundredParallelBookingsOfOneSlotWins()
    {
        var api = _host.Client;
        var practitioner = await Scenario.PractitionerAsync(api);
        var slot = (await Scenario.FreeSlotIdsAsync(api, practitioner.Id))[5];
        var tokens = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => api.TokenAsync($"racer-{i}", "patient")));

        var replies = await Task.WhenAll(tokens.Select((token, i) =>
            Task.Run(() => api.PostAsync("/api/appointments", Scenario.Booking(slot, firstName: $"Racer{i}"), token, "race"))));

        Assert.Single(replies, r => r.Status == HttpStatusCode.Created);
        Assert.Equal(99, replies.Count(r => r.Status == HttpStatusCode.Conflict));
        var agendaDate = replies.Single(r => r.Status == HttpStatusCode.Created).Body["start"]!.GetValue<string>()[..10];
        var agenda = await api.GetAsync($"/api/practitioners/{practitioner.Id}/agenda?date={agendaDate}", practitioner.Token);
        Assert.Single(agenda.Body["appointments"]!.AsArray());
    }
}
