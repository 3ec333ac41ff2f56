using System.Collections.Concurrent;
using System.Net;

namespace Booking.DevHost.Tests;

/// <summary>The host killed (SIGKILL) in the middle of a booking load, then started again on the same data directory.</summary>
public sealed class CrashTests
{
    // Short leases, so what the killed host held (bus locks, send claims, outbox entries) is taken over within seconds.
    private static readonly string[] QuickTakeover =
    [
        "--EmbeddedBus:LockDuration=00:00:02", "--Notifications:ClaimLease=00:00:02",
        "--Outbox:InFlightGrace=00:00:01", "--Outbox:SweepSchedule=*/2 * * * * *", DevHostFixture.Timers("SweepOutbox"),
    ];

    [Fact]
    public async Task NoAcknowledgedBookingOrConfirmationIsLostGivenTheHostIsKilledMidLoad()
    {
        var dataDirectory = TemporaryDataDirectories.New();
        var first = await RunningHost.StartAsync(dataDirectory, QuickTakeover);
        var practitioner = await Scenario.PractitionerAsync(first.Client);
        var slots = (await Scenario.FreeSlotIdsAsync(first.Client, practitioner.Id)).Take(80).ToList();
        var tokens = await Task.WhenAll(Enumerable.Range(0, slots.Count).Select(i => first.Client.TokenAsync($"crash-patient-{i}", "patient")));
        var acknowledged = new ConcurrentDictionary<int, string>();
        var killed = 0;

        await Parallel.ForEachAsync(Enumerable.Range(0, slots.Count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            try
            {
                var reply = await first.Client.PostAsync("/api/appointments", Scenario.Booking(slots[i]), tokens[i], $"crash-{i}");
                if (reply.Status == HttpStatusCode.Created)
                {
                    acknowledged[i] = reply.Body["appointmentId"]!.GetValue<string>();
                }
            }
            catch (HttpRequestException)
            {
                // Killed before answering: not acknowledged, whatever it wrote.
            }

            if (acknowledged.Count >= 25 && Interlocked.Exchange(ref killed, 1) == 0)
            {
                await first.KillAsync(); // while the other requests are in flight and confirmations queue on the bus
            }
        });
        await first.DisposeAsync();
        Assert.InRange(acknowledged.Count, 25, slots.Count - 1);

        await using var second = await RunningHost.StartAsync(dataDirectory, QuickTakeover);
        foreach (var (i, appointmentId) in acknowledged)
        {
            var read = await second.Client.GetAsync($"/api/appointments/{appointmentId}", tokens[i]);
            Assert.Equal(HttpStatusCode.OK, read.Status);
            Assert.Equal("confirmed", read.Body["status"]!.GetValue<string>());
        }

        // Every acknowledged booking's confirmation is sent, by the killed host before it died or by this one after.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var unconfirmed = acknowledged.Keys.ToList();
        while (unconfirmed.Count > 0 && clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            await Task.Delay(1000);
            var still = new List<int>();
            foreach (var i in unconfirmed)
            {
                var export = await second.Client.GetAsync("/api/me/export", tokens[i]);
                var sent = export.Body["notifications"]!.AsArray().Any(n =>
                    n!["appointmentId"]!.GetValue<string>() == acknowledged[i] && n["kind"]!.GetValue<string>() == "confirmation" && n["channel"]!.GetValue<string>() == "email");
                if (!sent)
                {
                    still.Add(i);
                }
            }

            unconfirmed = still;
        }

        Assert.True(unconfirmed.Count == 0, $"{unconfirmed.Count} of {acknowledged.Count} acknowledged bookings never had their confirmation sent");
    }
}
