using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace Booking.Reliability.Scenarios;

/// <summary>Drains the outbox after a fault run, then checks what the host holds and sent against what clients were told.</summary>
public static class FaultChecks
{
    /// <summary>What the patients were owed (and may have been sent), what was sent, and what the bus carried and kept.</summary>
    /// <param name="Ending">"idle after N rounds" when a round found nothing pending and nothing moved; else why the drain gave up, and with what pending</param>
    public sealed record Drain(
        NotificationExpectations Expectations,
        IReadOnlyList<SentNotification> Sent,
        IReadOnlyList<JsonNode> Events,
        IReadOnlyDictionary<string, int> DeadLetters,
        IReadOnlyDictionary<string, int>? Leftovers,
        int RepeatsAcrossHosts,
        double Seconds,
        int Rounds,
        string Ending);

    /// <summary>At most this many drain rounds: a bound for a system that keeps moving without ever settling.</summary>
    public const int MaxRounds = 1000;

    /// <summary>
    /// A drain gives up on what is still pending once nothing moved for this many rounds in a row and for the bus's
    /// quiet period plus <see cref="FaultScenario.ClaimLease"/> (a send claimed by an attempt that failed hides its
    /// notification that long): both, so a slow machine, whose rounds are slow, still gets every round.
    /// </summary>
    public const int QuietRounds = 20;

    /// <summary>Between two rounds: the hosts' own timers and consumers work meanwhile.</summary>
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Retries, every round, everything that waits on a timer — the outbox sweep and the reminders on every host, and the
    /// redrive when the bus holds dead letters — until a round finds nothing pending (every expected notification sent,
    /// no dead letter, no message the consumers have yet to settle) and nothing moved since the round before; or until
    /// nothing moved for long enough that what is pending never will (see <see cref="QuietRounds"/>), or
    /// <see cref="MaxRounds"/>. Rounds are short (the bus is peeked, never waited on), so under faults a deferred reminder
    /// or a redrive that failed again is retried within a second, however loaded the machine.
    /// </summary>
    public static async Task<Drain> DrainAsync(IReadOnlyList<BookingApi> hosts, IBusView bus, IReadOnlyList<FaultScenario.Client> clients, int maxRounds = MaxRounds)
    {
        // The reminder timer keeps its schedule during the run; the drain runs it as well (each round), so every
        // reminder due by now is owed once the drain is over.
        var expectations = new NotificationExpectations(clients, remindersRanAt: DateTimeOffset.UtcNow);
        var patience = bus.QuietPeriod + FaultScenario.ClaimLease;
        var clock = Stopwatch.StartNew();
        var lastMoved = clock.Elapsed;
        var quietRounds = 0;
        DrainState? last = null;
        var round = 0;
        string ending;
        while (true)
        {
            round++;
            foreach (var host in hosts)
            {
                await host.PostAsync("/admin/functions/SweepOutbox", null);
                await host.PostAsync("/admin/functions/SendReminders", null);
            }

            // A redrive receives each dead-letter queue until it has waited for more (2 s each with Service Bus): only when
            // there is something to redrive, through each host in turn (a host's faults may fail it again).
            if (last is { DeadLetters: > 0 })
            {
                await hosts[round % hosts.Count].PostAsync("/admin/functions/RedriveDeadLetters", null);
            }

            var state = await DrainState.ReadAsync(hosts, bus, expectations);
            var moved = state != last;
            if (!moved && state.Pending == 0)
            {
                ending = $"idle after {round} rounds";
                break;
            }

            (quietRounds, lastMoved) = moved ? (0, clock.Elapsed) : (quietRounds + 1, lastMoved);
            if (quietRounds >= QuietRounds && clock.Elapsed - lastMoved >= patience)
            {
                ending = $"gave up after {round} rounds: nothing moved for {quietRounds} rounds ({(clock.Elapsed - lastMoved).TotalSeconds:0.0} s) with {state}";
                break;
            }

            if (round >= maxRounds)
            {
                ending = $"gave up after {round} rounds (the most a drain takes) with {state}";
                break;
            }

            last = state;
            await Task.Delay(Pause);
        }

        var sent = await SentAsync(hosts);
        return new Drain(expectations, sent.Notifications, await bus.EventsAsync(), await bus.DeadLettersAsync(), await bus.LeftoversAsync(),
            sent.RepeatsAcrossHosts, clock.Elapsed.TotalSeconds, round, ending);
    }

    /// <summary>What one drain round sees; two equal states in a row mean nothing moved between them.</summary>
    private sealed record DrainState(int Sent, int Missing, int Events, int DeadLetters, int Unsettled, bool Busy)
    {
        /// <summary>What is still owed or in the works: notifications not sent, dead letters, messages not settled.</summary>
        public int Pending => Missing + DeadLetters + Unsettled + (Busy ? 1 : 0);

        public static async Task<DrainState> ReadAsync(IReadOnlyList<BookingApi> hosts, IBusView bus, NotificationExpectations expectations)
        {
            var sent = (await SentAsync(hosts)).Notifications;
            var leftovers = await bus.LeftoversAsync();
            return new DrainState(
                sent.Count,
                expectations.Compare(sent).Missing.Count,
                (await bus.EventsAsync()).Count,
                (await bus.DeadLettersAsync()).Values.Sum(),
                leftovers?.Values.Sum() ?? 0,
                await bus.BusyAsync() == true);
        }

        public override string ToString() =>
            $"{Missing} notifications missing, {DeadLetters} dead letters, {Unsettled} messages unsettled{(Busy ? ", consumers busy" : "")} ({Sent} sent, {Events} events)";
    }

    private static int ConfirmationDeadLetters(IReadOnlyDictionary<string, int> deadLetters) =>
        deadLetters.Where(d => d.Key.Contains("confirmations", StringComparison.Ordinal)).Sum(d => d.Value);

    /// <summary>The invariants, and for each notification missing or unexpected the history of its appointment.</summary>
    public static async Task<(List<Invariant> Invariants, IReadOnlyList<string> Findings)> CheckAsync(
        IReadOnlyList<BookingApi> hosts, IBusView bus, IReadOnlyList<Practice> practices, IReadOnlyList<FaultScenario.Client> clients, FaultScenario.Size size, Drain drain)
    {
        var api = hosts[0];
        var accepted = clients.Where(c => c.Accepted).ToList();
        var cancelled = accepted.Where(c => c.Cancelled).Select(c => c.AppointmentId!).ToHashSet();
        var unresolved = clients.Count(c => c.Booking.Status is not (HttpStatusCode.Created or HttpStatusCode.Conflict))
            + clients.Count(c => c.Cancel is { } r && r.Status != HttpStatusCode.OK);
        var winners = accepted.GroupBy(c => c.SlotId).Where(g => g.Count() > 1).ToList();
        var contestedSlots = clients.GroupBy(c => c.SlotId).Where(g => g.Count() > 1).ToList();

        var states = await ContentionScenario.Batched(accepted.Count, 16, async i =>
            (await api.GetAsync($"/api/appointments/{accepted[i].AppointmentId}", accepted[i].Token)).Body?["status"]?.GetValue<string>());
        var wrongState = accepted.Where((c, i) => states[i] != (cancelled.Contains(c.AppointmentId!) ? "cancelled" : "confirmed")).Count();

        var agendas = await Task.WhenAll(practices.Select(p => p.AgendaAsync(api)));
        var agenda = agendas.SelectMany(a => a).ToList();
        var heldTwice = agendas.Sum(a => a.Where(x => x.Status == "confirmed").GroupBy(x => x.Start).Count(g => g.Count() > 1));
        var agendaConfirmed = agenda.Where(a => a.Status == "confirmed").Select(a => a.AppointmentId).ToHashSet();
        var shouldBeConfirmed = accepted.Select(c => c.AppointmentId!).Where(id => !cancelled.Contains(id)).ToHashSet();

        var eventsPer = drain.Events.GroupBy(e => (Id: e["appointmentId"]!.GetValue<string>(), Type: e["type"]!.GetValue<string>()))
            .ToDictionary(g => g.Key, g => g.Select(e => e["eventId"]!.GetValue<string>()).Distinct().Count());
        var confirmedOnce = accepted.Count(c => eventsPer.GetValueOrDefault((c.AppointmentId!, "AppointmentConfirmed")) == 1);
        var cancelledOnce = cancelled.Count(id => eventsPer.GetValueOrDefault((id, "AppointmentCancelled")) == 1);
        var acceptedIds = accepted.Select(c => c.AppointmentId!).ToHashSet();
        var strayEvents = eventsPer.Keys.Count(k => !acceptedIds.Contains(k.Id));

        var (missing, unexpected) = drain.Expectations.Compare(drain.Sent);
        var duplicated = drain.Sent.GroupBy(s => s.Key).Count(g => g.Count() > 1);
        var findings = await NotificationHistory.ExplainAsync(api, clients, drain, missing, unexpected);
        // After the restart nothing is owed any more: a sweep must send nothing again. The admin call returns once the
        // sweep ran, so whatever it published is on the bus; it has been handled once the consumers hold nothing unsettled.
        foreach (var host in hosts)
        {
            await host.PostAsync("/admin/functions/SweepOutbox", null);
        }

        await WhenSettledAsync(bus);
        var before = drain.Sent.Select(s => s.Key).ToHashSet();
        var resent = (await SentAsync(hosts)).Notifications.Count(n => before.Contains(n.Key));
        var consumerDeadLetters = ConfirmationDeadLetters(drain.DeadLetters);

        return (
        [
            Invariant.Check("every operation got a definitive answer (201/409, cancel 200) within the client's retries", unresolved == 0, $"{unresolved} unresolved"),
            Invariant.Check("no slot confirmed to two patients (client view)", winners.Count == 0, $"{winners.Count} slots with two 201s"),
            Invariant.Check("each contested slot went to exactly one patient", contestedSlots.All(g => g.Count(c => c.Accepted) == 1),
                $"{contestedSlots.Count} contested slots, {contestedSlots.Count(g => g.Count(c => c.Accepted) == 1)} with one winner"),
            Invariant.Check("every accepted booking reads back confirmed (or cancelled when cancelled)", wrongState == 0, $"{wrongState} of {accepted.Count} in another state"),
            Invariant.Check("no double booking in the agendas", heldTwice == 0, $"{heldTwice} starts held twice"),
            Invariant.Check("the agendas hold exactly the accepted, uncancelled bookings", agendaConfirmed.SetEquals(shouldBeConfirmed),
                $"{agendaConfirmed.Count} in agendas, {shouldBeConfirmed.Count} expected, {agendaConfirmed.Except(shouldBeConfirmed).Count()} unknown, {shouldBeConfirmed.Except(agendaConfirmed).Count()} absent"),
            Invariant.Check("each accepted booking raised exactly one AppointmentConfirmed event", confirmedOnce == accepted.Count && strayEvents == 0,
                $"{confirmedOnce} of {accepted.Count}; {strayEvents} events of appointments no client was given"),
            Invariant.Check("each cancellation raised exactly one AppointmentCancelled event", cancelledOnce == cancelled.Count, $"{cancelledOnce} of {cancelled.Count}"),
            Invariant.Check("every expected notification was delivered (per consented channel)", missing.Count == 0,
                $"{missing.Count} of {drain.Expectations.Required.Count} missing after {drain.Seconds:0.0} s of draining ({drain.Ending}){Kinds(missing.Select(m => m.Kind))}"),
            Invariant.Check("no notification delivered twice", duplicated == 0, $"{duplicated} delivered more than once"),
            Invariant.Check("nothing sent again after a restart and a sweep", resent == 0, $"{resent} sent after the restart"),
            Invariant.Check("no notification nobody should get (unconsented channel, rejected booking, reminder out of its window or after a cancellation)",
                unexpected.Count == 0, $"{unexpected.Count} unexpected{Kinds(unexpected.Select(u => u.Kind))}"),
            Invariant.Check("no confirmation message left dead-lettered (the redrive timer runs while draining)", consumerDeadLetters == 0,
                string.Join(", ", drain.DeadLetters.Select(d => $"{d.Key}: {d.Value}")) is { Length: > 0 } s ? s : "none"),
            Invariant.Check("the run was big enough to mean something", accepted.Count == size.Bookings - size.Contested && cancelled.Count == Math.Min(size.Cancellations, accepted.Count),
                $"{accepted.Count} accepted, {cancelled.Count} cancelled"),
        ], findings);
    }

    /// <summary>
    /// Returns once <paramref name="bus"/> says its consumers hold nothing unsettled, checked every 50 ms up to 600 times;
    /// when the view cannot tell (the bench's embedded bus read over HTTP), after one second instead.
    /// </summary>
    private static async Task WhenSettledAsync(IBusView bus)
    {
        for (var check = 0; check < 600; check++)
        {
            switch (await bus.BusyAsync())
            {
                case false:
                    return;
                case null:
                    await Task.Delay(1000);
                    return;
                default:
                    await Task.Delay(50);
                    break;
            }
        }
    }

    /// <summary>" (2 reminder, 1 confirmation)", or nothing when there are none.</summary>
    private static string Kinds(IEnumerable<string> kinds) =>
        kinds.GroupBy(k => k).Select(g => $"{g.Count()} {g.Key}").ToList() is { Count: > 0 } counted ? $" ({string.Join(", ", counted)}; see below)" : "";

    private sealed record Sent(List<SentNotification> Notifications, int RepeatsAcrossHosts);

    /// <summary>
    /// What the hosts' sinks sent, as one provider that deduplicates by delivery id would deliver it (each sink already
    /// does so for its own host): a delivery one host sent and another repeated after taking over its claim counts once.
    /// </summary>
    private static async Task<Sent> SentAsync(IReadOnlyList<BookingApi> hosts)
    {
        var all = new List<JsonNode>();
        foreach (var host in hosts)
        {
            all.AddRange((await host.GetAsync("/dev/notifications")).Body!.AsArray().Select(n => n!));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var delivered = all.Where(n => n["deliveryId"]?.GetValue<string>() is not { } id || seen.Add(id)).ToList();
        return new Sent(
            delivered.Select(n => new SentNotification(
                n["appointmentId"]!.GetValue<string>(), n["kind"]!.GetValue<string>(), n["channel"]!.GetValue<string>(),
                DateTimeOffset.Parse(n["sentAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), n["deliveryId"]?.GetValue<string>())).ToList(),
            all.Count - delivered.Count);
    }
}
