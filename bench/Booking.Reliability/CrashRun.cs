using System.Diagnostics;
using System.Net;
using Booking.Reliability.Scenarios;

namespace Booking.Reliability;

/// <summary>
/// The host killed with SIGKILL in the middle of a booking load, then started again on the same data directory and
/// address while the clients keep retrying (same request, same Idempotency-Key), as a platform restarting a crashed
/// instance would. Nothing the host acknowledged may be lost: every 201 reads back confirmed after the restart, and
/// every accepted booking's confirmation is sent on each consented channel (by the killed host before it died, or by
/// the new one from the durable bus and the outbox) — read from the patients' delivery logs, which survive the kill,
/// unlike the killed host's in-memory sink.
/// </summary>
public static class CrashScenario
{
    /// <param name="Bookings">booking requests, each on a slot of its own</param>
    /// <param name="KillAfter">the host is killed once this many bookings were acknowledged</param>
    public sealed record Size(int Bookings, int Concurrency, int KillAfter, TimeSpan DrainTimeout);

    /// <summary>Short leases, so what the killed host held (bus locks, send claims, outbox entries) is taken over within seconds.</summary>
    public static readonly string[] HostSettings =
    [
        "--EmbeddedBus:LockDuration=00:00:05", "--Notifications:ClaimLease=00:00:05",
        "--Outbox:InFlightGrace=00:00:02", "--Outbox:SweepSchedule=*/2 * * * * *",
    ];

    private static readonly string[] EmailAndSms = ["email", "sms"];
    private static readonly string[] EmailOnly = ["email"];

    public static async Task<ScenarioResult> RunAsync(string name, string dataDirectory, Size size)
    {
        var host = await DevHostProcess.StartAsync(HostSettings, dataDirectory);
        var address = host.Address;
        try
        {
            using var setup = BookingApi.For(address, maxAttempts: 3);
            var practices = await Practice.CreateAsync(setup, size.Bookings, "Crash");
            var slots = practices.SelectMany(p => p.SlotIds).Take(size.Bookings).ToList();
            var tokens = await ContentionScenario.Batched(size.Bookings, 32, i => setup.TokenAsync($"crash-patient-{i}", "patient"));

            // Enough retries to span the restart (at most ~0.5 s apart).
            using var api = BookingApi.For(address, maxAttempts: 400, timeout: TimeSpan.FromSeconds(30));
            var replies = new ApiReply[size.Bookings];
            var acknowledged = 0;
            var killNow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var clock = Stopwatch.StartNew();
            var load = Parallel.ForEachAsync(Enumerable.Range(0, size.Bookings), new ParallelOptions { MaxDegreeOfParallelism = size.Concurrency }, async (i, _) =>
            {
                replies[i] = await api.PostAsync("/api/appointments", Bookings.Body(slots[i], i, sms: i % 2 == 0), tokens[i], $"crash-{i}");
                if (replies[i].Status == HttpStatusCode.Created && Interlocked.Increment(ref acknowledged) == size.KillAfter)
                {
                    killNow.TrySetResult();
                }
            });
            await Task.WhenAny(killNow.Task, load);
            var acknowledgedAtKill = Volatile.Read(ref acknowledged);
            await host.DisposeAsync(keepData: true); // SIGKILL: nothing flushed, nothing handed back
            var killedAt = clock.Elapsed;
            host = await DevHostProcess.StartAsync(HostSettings, dataDirectory, address: address);
            var restartSeconds = (clock.Elapsed - killedAt).TotalSeconds;
            await load;
            var runSeconds = clock.Elapsed.TotalSeconds;

            using var inspect = BookingApi.For(address, maxAttempts: 3);
            var accepted = Enumerable.Range(0, size.Bookings).Where(i => replies[i].Status == HttpStatusCode.Created).ToList();
            var ids = replies.Select(r => r.Status == HttpStatusCode.Created ? r.Body!["appointmentId"]!.GetValue<string>() : null).ToArray();
            var states = await ContentionScenario.Batched(accepted.Count, 16, async k =>
                (await inspect.GetAsync($"/api/appointments/{ids[accepted[k]]}", tokens[accepted[k]])).Body?["status"]?.GetValue<string>());
            var notConfirmed = states.Count(s => s != "confirmed");

            var owed = accepted.SelectMany(i => (i % 2 == 0 ? EmailAndSms : EmailOnly).Select(channel => (Client: i, Channel: channel))).ToList();
            var drain = Stopwatch.StartNew();
            var missing = owed;
            var repeated = 0;
            while (true)
            {
                var logs = await ContentionScenario.Batched(accepted.Count, 16, async k =>
                    (Client: accepted[k], Sent: (await inspect.GetAsync("/api/me/export", tokens[accepted[k]])).Body?["notifications"]?.AsArray()
                        .Where(n => n!["appointmentId"]!.GetValue<string>() == ids[accepted[k]] && n["kind"]!.GetValue<string>() == "confirmation")
                        .Select(n => n!["channel"]!.GetValue<string>()).ToList() ?? []));
                var sent = logs.SelectMany(l => l.Sent.Select(channel => (l.Client, Channel: channel))).ToList();
                repeated = sent.Count - sent.Distinct().Count();
                missing = [.. owed.Except(sent)];
                if (missing.Count == 0 || drain.Elapsed > size.DrainTimeout)
                {
                    break;
                }

                await inspect.PostAsync("/admin/functions/SweepOutbox", null);
                await Task.Delay(1000);
            }

            var unresolved = replies.Count(r => r.Status != HttpStatusCode.Created);
            var counts = new Dictionary<string, object>
            {
                ["bookings"] = size.Bookings,
                ["acknowledgedBeforeTheKill"] = acknowledgedAtKill,
                ["accepted"] = accepted.Count,
                ["retriedAcrossTheCrash"] = replies.Count(r => r.Timeouts > 0),
                ["restartSeconds"] = Math.Round(restartSeconds, 1),
                ["confirmationsOwed"] = owed.Count,
                ["confirmationsMissing"] = missing.Count,
                ["deliveryLogRepeats"] = repeated,
                ["drainSeconds"] = Math.Round(drain.Elapsed.TotalSeconds, 1),
                ["latencyIncludingRetries"] = Percentiles.Of(replies.Select(r => r.Elapsed)),
            };
            var invariants = new List<Invariant>
            {
                Invariant.Check("the host was killed with bookings still in flight", acknowledgedAtKill < size.Bookings, $"{acknowledgedAtKill} of {size.Bookings} acknowledged when killed"),
                Invariant.Check("every booking got a 201 in the end (a slot of its own each), retried across the crash", unresolved == 0,
                    $"{unresolved} without a 201: {string.Join(", ", replies.Where(r => r.Status != HttpStatusCode.Created).GroupBy(r => (int)r.Status).Select(g => $"{g.Key}×{g.Count()}"))}"),
                Invariant.Check("every acknowledged booking reads back confirmed after the restart", notConfirmed == 0, $"{notConfirmed} of {accepted.Count} not confirmed"),
                Invariant.Check("every acknowledged booking's confirmation was sent on each consented channel", missing.Count == 0,
                    $"{missing.Count} of {owed.Count} missing after {drain.Elapsed.TotalSeconds:0.0} s"),
            };
            var parameters = new Dictionary<string, object> { ["bookings"] = size.Bookings, ["concurrency"] = size.Concurrency, ["killAfter"] = size.KillAfter };
            return new ScenarioResult(name, parameters, counts, invariants, Math.Round(runSeconds, 2));
        }
        finally
        {
            await host.DisposeAsync(keepData: true);
        }
    }
}
