using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace Booking.Reliability.Scenarios;

/// <summary>
/// Explains a notification a fault run found missing or unexpected by its appointment's history: what the run did with
/// it and was answered, what the store reads back (status, consent, the delivery log of the patient's export), the
/// events the outbox published for it and everything the sinks sent about it. Ids, kinds, channels and times only: the
/// contact details and texts the sinks hold (made up by the run) are left out.
/// </summary>
public static class NotificationHistory
{
    /// <summary>At most this many are explained; the count of the rest is given.</summary>
    public const int Limit = 20;

    public static async Task<IReadOnlyList<string>> ExplainAsync(
        BookingApi api,
        IReadOnlyList<FaultScenario.Client> clients,
        FaultChecks.Drain drain,
        IReadOnlyList<(string AppointmentId, string Kind, string Channel)> missing,
        IReadOnlyList<SentNotification> unexpected)
    {
        var cases = missing.Select(m => ("missing", m)).Concat(unexpected.Select(u => ("unexpected", u.Key))).ToList();
        var lines = new List<string>();
        foreach (var (what, (appointmentId, kind, channel)) in cases.Take(Limit))
        {
            lines.Add($"{what} {kind} by {channel} for appointment {appointmentId}:\n"
                + string.Join("\n", await HistoryAsync(api, clients, drain, appointmentId)));
        }

        if (cases.Count > Limit)
        {
            lines.Add($"… and {cases.Count - Limit} more");
        }

        return lines;
    }

    private static async Task<IEnumerable<string>> HistoryAsync(
        BookingApi api, IReadOnlyList<FaultScenario.Client> clients, FaultChecks.Drain drain, string appointmentId)
    {
        var client = drain.Expectations.ClientOf(appointmentId);
        var events = drain.Events.Where(e => e["appointmentId"]?.GetValue<string>() == appointmentId)
            .GroupBy(e => e["type"]!.GetValue<string>())
            .Select(g => $"{g.Key} ×{g.Count()} ({string.Join(", ", g.Select(e => e["eventId"]!.GetValue<string>()).Distinct())}, at {Time(g.Min(e => At(e["occurredAt"])))})");
        var sent = drain.Sent.Where(s => s.AppointmentId == appointmentId).OrderBy(s => s.SentAt)
            .Select(s => $"{s.Kind}/{s.Channel} at {Time(s.SentAt)} (delivery {s.DeliveryId ?? "?"})");
        return
        [
            "  run:   " + (client is null ? "no client was given this appointment in a 201" : Run(client, clients)),
            "  store: " + (client is null ? "not read (no client token)" : await StoreAsync(api, client)),
            "  bus:   " + Or(events, "no event published"),
            "  sent:  " + Or(sent, "nothing"),
        ];
    }

    private static string Run(FaultScenario.Client c, IReadOnlyList<FaultScenario.Client> clients)
    {
        var rivals = clients.Count(o => o.SlotId == c.SlotId) - 1;
        var cancel = c.Cancel is { } r
            ? $"cancel {(int)r.Status} after {r.Attempts} tries, answered at {Time(c.CancelAnsweredAt)}"
            : "not cancelled";
        return $"client {c.Index}, consent {string.Join("+", c.Channels)}, {(rivals > 0 ? $"slot wanted by {rivals} other(s)" : "slot uncontested")}; "
            + $"booking {(int)c.Booking.Status} after {c.Booking.Attempts} tries ({c.Booking.Elapsed.TotalSeconds:0.0} s), start {Time(c.Start)}, "
            + $"reminder window from {Time(c.Start - NotificationExpectations.ReminderLead)}; {cancel}";
    }

    private static async Task<string> StoreAsync(BookingApi api, FaultScenario.Client c)
    {
        var read = await api.GetAsync($"/api/appointments/{c.AppointmentId}", c.Token);
        if (read.Status != HttpStatusCode.OK)
        {
            return $"read answered {(int)read.Status}";
        }

        var consent = read.Body!["consent"];
        var export = await api.GetAsync("/api/me/export", c.Token);
        var log = export.Body?["notifications"]?.AsArray()
            .Where(n => n!["appointmentId"]!.GetValue<string>() == c.AppointmentId)
            .Select(n => $"{n!["kind"]}/{n["channel"]} at {n["sentAt"]}") ?? [];
        return $"{read.Body["status"]}, consent email {consent?["email"]} sms {consent?["sms"]}; delivery log: {Or(log, "empty")}";
    }

    private static DateTimeOffset? At(JsonNode? instant) =>
        instant?.GetValue<string>() is { } s ? DateTimeOffset.Parse(s, CultureInfo.InvariantCulture) : null;

    private static string Time(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) ?? "?";

    private static string Or(IEnumerable<string> items, string none) => items.ToList() is { Count: > 0 } list ? string.Join("; ", list) : none;
}
