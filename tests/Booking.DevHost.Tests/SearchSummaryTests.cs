using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace Booking.DevHost.Tests;

/// <summary>
/// Search reads the cities' availability summaries: ordered by first free slot, and changed by holds, releases and
/// publishing at once (on their request), by bookings and cancellations within seconds (by their events), and by the
/// passing of time (a stale summary drops passed slots and is refreshed by the search that found it).
/// </summary>
public sealed class SearchSummaryTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task OrdersPractitionersByTheirFirstFreeSlotThenByName()
    {
        await using var host = await DevHostFixture.StartAsync();
        var api = host.Client;
        var later = await Scenario.PractitionerAsync(api, city: "Vannes", name: "Dr Aubin");
        await Scenario.PractitionerAsync(api, city: "Vannes", name: "Dr Carré");
        await Scenario.PractitionerAsync(api, city: "Vannes", name: "Dr Bréhat");
        var first = (await Scenario.FreeSlotIdsAsync(api, later.Id))[0];
        var patient = await api.TokenAsync("patient-order", "patient");
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync("/api/holds", new { slotId = first }, patient)).Status);

        var reply = await api.GetAsync("/api/practitioners?city=vannes");
        var page = reply.Body["items"]!.AsArray().Select(i => i!).ToList();

        Assert.Equal(1, StoreOperationsHeaderTests.Counts(reply)["query"]); // one query of the city's summaries, on SQLite too
        Assert.Equal(1, StoreOperationsHeaderTests.Total(reply));

        Assert.Equal(["Dr Bréhat", "Dr Carré", "Dr Aubin"], page.Select(h => h["displayName"]!.GetValue<string>()));
        var starts = page.Select(h => h["firstFreeSlots"]![0]!["start"]!.GetValue<string>()).ToList();
        Assert.Equal(starts.Order(StringComparer.Ordinal), starts);
        Assert.DoesNotContain(first, page.SelectMany(SlotIds));
    }

    [Fact]
    public async Task AHoldAReleaseABookingACancellationAndAPublishChangeWhatSearchShowsWithinABoundedTime()
    {
        await using var host = await DevHostFixture.StartAsync();
        var api = host.Client;
        var practitioner = await Scenario.PractitionerAsync(api, city: "Lorient");
        var patient = await api.TokenAsync("patient-summary", "patient");
        var shown = SlotIds((await SearchAsync(api, "city=lorient")).Single()).ToList();
        Assert.Equal(3, shown.Count);

        var held = await api.PostAsync("/api/holds", new { slotId = shown[0] }, patient);
        Assert.Equal(HttpStatusCode.Created, held.Status);
        Assert.Equal(shown[1], await FirstShownAsync(api, "city=lorient")); // on the hold's own request
        Assert.Equal(HttpStatusCode.NoContent, (await api.SendAsync(HttpMethod.Delete, $"/api/holds/{held.Body["holdId"]}", null, patient)).Status);
        Assert.Equal(shown[0], await FirstShownAsync(api, "city=lorient"));

        var booked = await api.PostAsync("/api/appointments", Scenario.Booking(shown[0]), patient, "summary-1");
        Assert.Equal(HttpStatusCode.Created, booked.Status);
        await UntilAsync(async () => await FirstShownAsync(api, "city=lorient") == shown[1], "the booked slot stays in search");
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/appointments/{booked.Body["appointmentId"]}/cancel", null, patient)).Status);
        await UntilAsync(async () => await FirstShownAsync(api, "city=lorient") == shown[0], "the cancelled slot does not come back to search");

        var evenings = new
        {
            timeZone = "Europe/Paris", slotMinutes = 30, exceptions = Array.Empty<object>(), horizonDays = 14, minNoticeMinutes = 60,
            weekly = new[] { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" }.Select(day => new { day, start = "21:00", end = "22:00" }).ToArray(),
        };
        Assert.Equal(HttpStatusCode.OK, (await api.PutAsync($"/api/practitioners/{practitioner.Id}/schedule", evenings, practitioner.Token)).Status);
        var after = (await SearchAsync(api, "city=lorient")).Single()["firstFreeSlots"]!.AsArray();
        Assert.All(after, s => Assert.Contains("T21:", s!["start"]!.GetValue<string>(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnExpiredHoldOrAPassedSlotLeavesSearchAndTheSummaryIsRefreshedByTheSearchThatFoundIt()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await DevHostFixture.StartWithClockAsync(clock);
        var api = host.Client;
        await Scenario.PractitionerAsync(api, city: "Auray");
        var patient = await api.TokenAsync("patient-time", "patient");
        var shown = SlotIds((await SearchAsync(api, "city=auray")).Single()).ToList();
        // The second slot: the first may leave the notice while the clock moves past the hold.
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync("/api/holds", new { slotId = shown[1] }, patient)).Status);
        Assert.DoesNotContain(shown[1], SlotIds((await SearchAsync(api, "city=auray")).Single()));

        clock.Advance(TimeSpan.FromMinutes(6)); // past the hold's expiry (5 minutes), with no write at all
        await UntilAsync(async () => SlotIds((await SearchAsync(api, "city=auray")).Single()).Contains(shown[1]), "the slot of an expired hold does not come back");

        clock.Advance(TimeSpan.FromDays(1)); // every slot shown has passed
        var stale = SlotIds((await SearchAsync(api, "city=auray")).Single()).ToList();
        Assert.DoesNotContain(shown[0], stale);
        await UntilAsync(async () => SlotIds((await SearchAsync(api, "city=auray")).Single()).Count() == 3, "the stale summary is not refreshed");
    }

    private static async Task<List<JsonNode>> SearchAsync(ApiClient api, string query)
    {
        var reply = await api.GetAsync("/api/practitioners?" + query);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        return [.. reply.Body["items"]!.AsArray().Select(i => i!)];
    }

    private static async Task<string?> FirstShownAsync(ApiClient api, string query) => SlotIds((await SearchAsync(api, query)).Single()).FirstOrDefault();

    private static IEnumerable<string> SlotIds(JsonNode hit) => hit["firstFreeSlots"]!.AsArray().Select(s => s!["slotId"]!.GetValue<string>());

    private static async Task UntilAsync(Func<Task<bool>> done, string failure)
    {
        var watch = Stopwatch.StartNew();
        while (!await done())
        {
            Assert.True(watch.Elapsed < Bound, $"{failure} after {Bound.TotalSeconds} s");
            await Task.Delay(50);
        }
    }
}
