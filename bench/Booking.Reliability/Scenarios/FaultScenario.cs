using System.Diagnostics;
using System.Net;

namespace Booking.Reliability.Scenarios;

/// <summary>
/// Bookings and cancellations against a host whose stores, bus and notification senders fail (Faults:Rate).
/// Clients retry a 5xx or a timeout with the same request and Idempotency-Key, as a real client would; some
/// slots are wanted by two patients at once. Then the outbox is drained and everything is checked.
/// </summary>
public static class FaultScenario
{
    /// <param name="Bookings">booking requests (one patient each)</param>
    /// <param name="Contested">of those, how many aim at a slot another patient also wants</param>
    /// <param name="Cancellations">how many of the accepted bookings are then cancelled</param>
    /// <param name="MaxDrainRounds">the most rounds the drain takes (<see cref="FaultChecks.DrainAsync"/>: it stops once idle)</param>
    public sealed record Size(int Bookings, int Contested, int Cancellations, int Concurrency, int MaxDrainRounds = FaultChecks.MaxRounds);

    /// <summary>How long a fault run's hosts leave a send claimed by an attempt that failed (<c>Notifications:ClaimLease</c>; 5 minutes in the product).</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromSeconds(15);

    /// <summary>What one simulated patient did and was answered.</summary>
    public sealed record Client(int Index, string SlotId, bool Sms, ApiReply Booking, string? AppointmentId, string Token)
    {
        public ApiReply? Cancel { get; set; }

        /// <summary>When the cancellation's answer came back: it was written before then, so a reminder sent later should not have been.</summary>
        public DateTimeOffset? CancelAnsweredAt { get; set; }

        public bool Accepted => Booking.Status == HttpStatusCode.Created;

        public bool Cancelled => Cancel?.Status == HttpStatusCode.OK;

        /// <summary>The booked start, as the 201 gave it.</summary>
        public DateTimeOffset? Start => Accepted && Booking.Body?["start"]?.GetValue<string>() is { } start
            ? DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture)
            : null;

        /// <summary>The channels this patient consented to (email always; SMS when asked).</summary>
        public IReadOnlyList<string> Channels => Sms ? ["email", "sms"] : ["email"];
    }

    /// <summary>
    /// The host settings of a fault run: faults on, a sweeper that may finish an interrupted change after 5 s, and a
    /// send claim left by a crash taken over after 15 s instead of 5 min, so the run waits seconds for what it proves.
    /// </summary>
    /// <param name="reminderSchedule">the reminder timer's schedule, when not the product's (a short one races reminders with the run)</param>
    public static string[] HostSettings(double rate, int seed, int timeoutMilliseconds = 100, string? reminderSchedule = null) =>
    [
        $"--Faults:Rate={rate.ToString(System.Globalization.CultureInfo.InvariantCulture)}", $"--Faults:Seed={seed}",
        $"--Faults:TimeoutMilliseconds={timeoutMilliseconds}", $"--Notifications:ClaimLease={ClaimLease:c}", .. QuietHostSettings,
        .. reminderSchedule is null ? Array.Empty<string>() : [$"--Reminders:Schedule={reminderSchedule}"],
    ];

    /// <summary>
    /// Without faults, the same sweeper, so a restart finishes whatever the fault run left. The other timers keep the
    /// product's schedules: reminders (every 15 minutes) remind the run's patients booked within a day whenever a run
    /// crosses a quarter hour, and the drain runs them once more itself, so the checks expect them (<see cref="NotificationExpectations"/>).
    /// </summary>
    public static string[] QuietHostSettings { get; } =
        ["--Outbox:InFlightGrace=00:00:05", "--Outbox:SweepSchedule=*/5 * * * * *"];

    public static async Task<ScenarioResult> RunAsync(string name, IFaultRunHost host, Size size, int maxAttempts)
    {
        var distinct = size.Bookings - size.Contested;
        var setup = (await host.StartAsync(withFaults: false))[0];
        var practices = await Practice.CreateAsync(setup, distinct, "Faults");
        var slots = practices.SelectMany(p => p.SlotIds).Take(distinct).ToList();
        var stride = Math.Max(1, distinct / Math.Max(1, size.Contested));
        string SlotOf(int i) => i < distinct ? slots[i] : slots[(i - distinct) * stride % distinct];
        var contested = Enumerable.Range(distinct, size.Contested).Select(SlotOf).ToHashSet();
        var tokens = await ContentionScenario.Batched(size.Bookings, 32, i => setup.TokenAsync($"faulty-patient-{i}", "patient"));
        await host.StopAsync();

        var apis = await host.StartAsync(withFaults: true);

        var clients = new Client[size.Bookings];
        var cancellationsLeft = size.Cancellations;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, size.Bookings), new ParallelOptions { MaxDegreeOfParallelism = size.Concurrency }, async (i, _) =>
        {
            var sms = i % 2 == 0;
            var api = apis[i % apis.Count];
            var reply = await api.PostAsync("/api/appointments", Bookings.Body(SlotOf(i), i, sms), tokens[i], $"faults-{i}");
            var client = new Client(i, SlotOf(i), sms, reply, reply.Status == HttpStatusCode.Created ? reply.Body!["appointmentId"]!.GetValue<string>() : null, tokens[i]);
            // Only uncontested slots are cancelled: a freed slot could go to its rival, who would then rightly win it too.
            // With several hosts, the cancellation goes through another host than the booking.
            if (client.Accepted && !contested.Contains(client.SlotId) && Interlocked.Decrement(ref cancellationsLeft) >= 0)
            {
                client.Cancel = await apis[(i + 1) % apis.Count].PostAsync($"/api/appointments/{client.AppointmentId}/cancel", null, tokens[i]);
                client.CancelAnsweredAt = DateTimeOffset.UtcNow;
            }

            clients[i] = client;
        });
        var runSeconds = clock.Elapsed.TotalSeconds;

        var drain = await FaultChecks.DrainAsync(apis, host.BusView(apis), clients, size.MaxDrainRounds);
        var faults = await Task.WhenAll(apis.Select(a => a.GetAsync("/dev/faults")));
        await host.StopAsync();

        var inspect = await host.StartAsync(withFaults: false);
        var (invariants, findings) = await FaultChecks.CheckAsync(inspect, host.BusView(inspect), practices, clients, size, drain);
        await host.StopAsync();
        var operations = clients.Select(c => c.Booking).Concat(clients.Where(c => c.Cancel is not null).Select(c => c.Cancel!)).ToList();
        var counts = new Dictionary<string, object>
        {
            ["operations"] = operations.Count,
            ["bookings"] = clients.Length,
            ["accepted"] = clients.Count(c => c.Accepted),
            ["slotTaken409"] = clients.Count(c => c.Booking.Status == HttpStatusCode.Conflict),
            ["cancelled"] = clients.Count(c => c.Cancelled),
            ["unresolved"] = operations.Count(o => o.IsServerError),
            ["httpAttempts"] = operations.Sum(o => o.Attempts),
            ["retried5xx"] = operations.Sum(o => o.ServerErrors),
            ["retriedTimeouts"] = operations.Sum(o => o.Timeouts),
            ["operationsNeedingRetry"] = operations.Count(o => o.Attempts > 1),
            ["maxAttemptsForOneOperation"] = operations.Max(o => o.Attempts),
            ["operationsPerSecond"] = Math.Round(operations.Count / runSeconds, 1),
            ["latencyIncludingRetries"] = Percentiles.Of(operations.Select(o => o.Elapsed)),
            ["notificationsExpected"] = drain.Expectations.Required.Count,
            ["remindersExpected"] = drain.Expectations.Required.Count(r => r.Kind == "reminder"),
            ["remindersSent"] = drain.Sent.Count(s => s.Kind == "reminder"),
            ["notificationsSent"] = drain.Sent.Count,
            ["drainSeconds"] = Math.Round(drain.Seconds, 1),
            ["drainRounds"] = drain.Rounds,
            ["drainEnding"] = drain.Ending,
            ["deadLetters"] = drain.DeadLetters,
            ["faultsInjected"] = string.Join(" | ", faults.Select(f => f.Body is null ? "unavailable" : f.Body.ToJsonString())),
        };
        if (apis.Count > 1)
        {
            counts["hosts"] = apis.Count;
            counts["repeatsAcrossHosts"] = drain.RepeatsAcrossHosts;
        }

        if (drain.Leftovers is not null)
        {
            counts["leftoverMessages"] = drain.Leftovers;
        }

        var parameters = new Dictionary<string, object>
        {
            ["bookings"] = size.Bookings,
            ["contested"] = size.Contested,
            ["cancellations"] = size.Cancellations,
            ["concurrency"] = size.Concurrency,
            ["clientMaxAttempts"] = maxAttempts,
        };
        return new ScenarioResult(name, parameters, counts, invariants, Math.Round(runSeconds, 2), findings);
    }
}
