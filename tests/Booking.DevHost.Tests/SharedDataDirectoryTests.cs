using System.Net;

namespace Booking.DevHost.Tests;

/// <summary>Two host processes on one data directory: one SQLite file, one bus, one key ring, and never a double booking.</summary>
public sealed class SharedDataDirectoryTests
{
    [Fact]
    public async Task TwoHostsRacingForTheSameSlotsConfirmExactlyOneBookingPerSlotAndAgreeOnTheAgenda()
    {
        var dataDirectory = TemporaryDataDirectories.New();
        await using var first = await RunningHost.StartAsync(dataDirectory);
        await using var second = await RunningHost.StartAsync(dataDirectory);
        var hosts = new[] { first.Client, second.Client };
        var practitioner = await Scenario.PractitionerAsync(first.Client);
        var slots = (await Scenario.FreeSlotIdsAsync(second.Client, practitioner.Id)).Take(8).ToList();
        var tokens = await Task.WhenAll(Enumerable.Range(0, 80).Select(i => hosts[i % 2].TokenAsync($"racer-{i}", "patient")));

        // Each slot is wanted by ten patients, five through each host.
        var replies = await Task.WhenAll(Enumerable.Range(0, 80).Select(i => Task.Run(() =>
            hosts[i % 2].PostAsync("/api/appointments", Scenario.Booking(slots[i / 2 % slots.Count], firstName: $"Racer{i}"), tokens[i], $"race-{i}"))));

        Assert.Equal(slots.Count, replies.Count(r => r.Status == HttpStatusCode.Created));
        Assert.Equal(80 - slots.Count, replies.Count(r => r.Status == HttpStatusCode.Conflict));
        var winners = Enumerable.Range(0, 80).Where(i => replies[i].Status == HttpStatusCode.Created).GroupBy(i => slots[i / 2 % slots.Count]).ToList();
        Assert.Equal(slots.Count, winners.Count);
        Assert.All(winners, w => Assert.Single(w));
        var created = replies.Where(r => r.Status == HttpStatusCode.Created).Select(r => r.Body["appointmentId"]!.GetValue<string>()).Order().ToList();
        foreach (var host in hosts)
        {
            Assert.Empty((await Scenario.FreeSlotIdsAsync(host, practitioner.Id)).Intersect(slots));
            var dates = replies.Where(r => r.Status == HttpStatusCode.Created).Select(r => r.Body["start"]!.GetValue<string>()[..10]).Distinct();
            var agenda = new List<string>();
            foreach (var date in dates)
            {
                var day = await host.GetAsync($"/api/practitioners/{practitioner.Id}/agenda?date={date}", practitioner.Token);
                agenda.AddRange(day.Body["appointments"]!.AsArray().Select(a => a!["appointmentId"]!.GetValue<string>()));
            }

            Assert.Equal(created, agenda.Order().ToList());
        }
    }
}
