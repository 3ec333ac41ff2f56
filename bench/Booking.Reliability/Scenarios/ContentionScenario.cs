using System.Net;

namespace Booking.Reliability.Scenarios;

/// <summary>
/// Many patients at once on few slots, spread over one or more hosts sharing a store: each patient makes one
/// booking request, all released together, <see cref="Size.Clients"/> / <see cref="Size.Slots"/> per slot. No retries:
/// exactly one 201 per slot, 409 for everyone else, never a 5xx.
/// </summary>
public static class ContentionScenario
{
    public sealed record Size(int Clients, int Slots);

    public static async Task<ScenarioResult> RunAsync(string name, IReadOnlyList<BookingApi> hosts, Size size)
    {
        var practice = (await Practice.CreateAsync(hosts[0], size.Slots, "Contention")).Single();
        var slots = practice.SlotIds.Take(size.Slots).ToList();
        var tokens = await Batched(size.Clients, 32, i => hosts[i % hosts.Count].TokenAsync($"contender-{i}", "patient"));

        // Every host serves a read first, as a deployed instance would have: the race starts on warm hosts.
        foreach (var host in hosts)
        {
            await Practice.FreeSlotsAsync(host, practice.PractitionerId);
        }

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var requests = Enumerable.Range(0, size.Clients).Select(i => Task.Run(async () =>
        {
            await start.Task;
            var body = Bookings.Body(slots[i % slots.Count], i, sms: false);
            return await hosts[i % hosts.Count].PostAsync("/api/appointments", body, tokens[i], $"contend-{i}");
        })).ToList();
        clock.Restart();
        start.SetResult();
        var replies = await Task.WhenAll(requests);
        var seconds = clock.Elapsed.TotalSeconds;

        var created = replies.Where(r => r.Status == HttpStatusCode.Created).ToList();
        var winnersPerSlot = Enumerable.Range(0, size.Clients)
            .Where(i => replies[i].Status == HttpStatusCode.Created)
            .GroupBy(i => slots[i % slots.Count])
            .ToDictionary(g => g.Key, g => g.Count());
        var agendas = await Task.WhenAll(hosts.Select(practice.AgendaAsync));
        var createdIds = created.Select(r => r.Body!["appointmentId"]!.GetValue<string>()).ToHashSet();
        var stillFree = (await Practice.FreeSlotsAsync(hosts[^1], practice.PractitionerId)).Intersect(slots).Count();

        var statuses = replies.GroupBy(r => (int)r.Status).OrderBy(g => g.Key).ToDictionary(g => g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), g => (object)g.Count());
        var counts = new Dictionary<string, object>
        {
            ["requests"] = replies.Length,
            ["created"] = created.Count,
            ["conflicts"] = replies.Count(r => r.Status == HttpStatusCode.Conflict),
            ["serverErrors"] = replies.Count(r => r.IsServerError),
            ["statuses"] = statuses,
            ["requestsPerSecond"] = Math.Round(replies.Length / seconds, 1),
            ["latency"] = Percentiles.Of(replies.Select(r => r.Elapsed)),
        };
        var invariants = new List<Invariant>
        {
            Invariant.Check($"exactly {slots.Count} bookings confirmed", created.Count == slots.Count, $"{created.Count} × 201"),
            Invariant.Check("every other request answered 409 slot-taken", replies.Count(r => r.Status == HttpStatusCode.Conflict) == size.Clients - slots.Count,
                $"{replies.Count(r => r.Status == HttpStatusCode.Conflict)} × 409 of {size.Clients - slots.Count} expected; statuses {string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}"))}"),
            Invariant.Check("no 5xx", !replies.Any(r => r.IsServerError), $"{replies.Count(r => r.IsServerError)} × 5xx or no answer"),
            Invariant.Check("one winner per slot", slots.All(s => winnersPerSlot.GetValueOrDefault(s) == 1),
                $"{winnersPerSlot.Count} slots won, most winners on one slot: {(winnersPerSlot.Count == 0 ? 0 : winnersPerSlot.Values.Max())}"),
        };
        for (var h = 0; h < hosts.Count; h++)
        {
            var booked = agendas[h].Where(a => a.Status == "confirmed").ToList();
            invariants.Add(Invariant.Check(
                $"host {h + 1}'s agenda holds exactly the confirmed bookings",
                booked.Count == slots.Count && booked.Select(a => a.AppointmentId).ToHashSet().SetEquals(createdIds) && booked.Select(a => a.Start).Distinct().Count() == booked.Count,
                $"{booked.Count} confirmed in the agenda, {booked.Select(a => a.Start).Distinct().Count()} distinct starts"));
        }

        invariants.Add(Invariant.Check("no raced slot is still listed free", stillFree == 0, $"{stillFree} still listed"));
        var parameters = new Dictionary<string, object> { ["clients"] = size.Clients, ["slots"] = slots.Count, ["hosts"] = hosts.Count };
        return new ScenarioResult(name, parameters, counts, invariants, Math.Round(seconds, 2));
    }

    /// <summary>Runs <paramref name="count"/> calls, at most <paramref name="parallel"/> at a time, results in order.</summary>
    public static async Task<T[]> Batched<T>(int count, int parallel, Func<int, Task<T>> call)
    {
        var results = new T[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, _) => results[i] = await call(i));
        return results;
    }
}

/// <summary>The booking request body each simulated patient sends (fake data; consent to email always, SMS as told).</summary>
public static class Bookings
{
    public static object Body(string slotId, int patient, bool sms) => new
    {
        slotId,
        patient = new { firstName = "Patient", lastName = $"Number{patient}", email = $"patient{patient}@example.org", phone = "+33612345678", birthDate = "1980-02-29" },
        reason = "Reliability run",
        consent = new { email = true, sms },
    };
}
