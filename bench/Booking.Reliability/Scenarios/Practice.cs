using System.Net;
using System.Text.Json.Nodes;

namespace Booking.Reliability.Scenarios;

/// <summary>A practitioner made through the API, with their token and free slots (soonest first).</summary>
public sealed record Practice(string PractitionerId, string Token, IReadOnlyList<string> SlotIds)
{
    private static readonly string[] Week = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    /// <summary>Registers practitioners open every day 08:00–20:00 in 15-minute slots until <paramref name="slotsNeeded"/> free slots exist.</summary>
    public static async Task<IReadOnlyList<Practice>> CreateAsync(BookingApi api, int slotsNeeded, string label)
    {
        var practices = new List<Practice>();
        var operatorToken = await api.TokenAsync("reliability-ops", "operator");
        while (practices.Sum(p => p.SlotIds.Count) < slotsNeeded)
        {
            var created = await api.PostAsync(
                "/api/practitioners",
                new { displayName = $"Dr {label} {practices.Count + 1}", specialty = "Médecine générale", city = "Évry", timeZone = "Europe/Paris" },
                operatorToken);
            Expect(created, HttpStatusCode.Created, "register a practitioner");
            var id = created.Body!["practitionerId"]!.GetValue<string>();
            var token = await api.TokenAsync("prac-" + id, "practitioner", id);
            var schedule = new
            {
                timeZone = "Europe/Paris",
                slotMinutes = 15,
                weekly = Week.Select(day => new { day, start = "08:00", end = "20:00" }).ToArray(),
                exceptions = Array.Empty<object>(),
                horizonDays = 14,
                minNoticeMinutes = 60,
            };
            Expect(await api.PutAsync($"/api/practitioners/{id}/schedule", schedule, token), HttpStatusCode.OK, "publish a schedule");
            practices.Add(new Practice(id, token, await FreeSlotsAsync(api, id)));
        }

        return practices;
    }

    /// <summary>Free slots starting more than three hours from now, soonest first.</summary>
    public static async Task<IReadOnlyList<string>> FreeSlotsAsync(BookingApi api, string practitionerId)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var slots = await AllPagesAsync(api, $"/api/practitioners/{practitionerId}/slots?from={today:yyyy-MM-dd}&to={today.AddDays(15):yyyy-MM-dd}", null, "slots", "list free slots");
        // Slots within a few hours could cross the booking notice during a long run and turn a win into a 409.
        var settled = DateTimeOffset.UtcNow.AddHours(3);
        return slots
            .Where(s => DateTimeOffset.Parse(s!["start"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) > settled)
            .Select(s => s!["slotId"]!.GetValue<string>())
            .ToList();
    }

    /// <summary>Every appointment in the practitioner's agenda over the next 15 days: (appointment id, start, status).</summary>
    public async Task<IReadOnlyList<(string AppointmentId, string Start, string Status)>> AgendaAsync(BookingApi api)
    {
        // Each host signs its own development tokens.
        var token = await api.TokenAsync("prac-" + PractitionerId, "practitioner", PractitionerId);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var days = await Task.WhenAll(Enumerable.Range(-1, 17).Select(async d =>
        {
            var appointments = await AllPagesAsync(api, $"/api/practitioners/{PractitionerId}/agenda?date={today.AddDays(d):yyyy-MM-dd}", token, "appointments", "read an agenda");
            return appointments
                .Select(a => (a!["appointmentId"]!.GetValue<string>(), a["start"]!.GetValue<string>(), a["status"]!.GetValue<string>()));
        }));
        return days.SelectMany(d => d).ToList();
    }

    /// <summary>The items of every page of a list, following its <c>next</c> cursors to the last page.</summary>
    private static async Task<List<JsonNode>> AllPagesAsync(BookingApi api, string path, string? token, string array, string what)
    {
        var items = new List<JsonNode>();
        string? cursor = null;
        do
        {
            var reply = await api.GetAsync(cursor is null ? path : $"{path}&cursor={cursor}", token);
            Expect(reply, HttpStatusCode.OK, what);
            items.AddRange(reply.Body![array]!.AsArray().Select(i => i!));
            cursor = reply.Body["next"]?.GetValue<string>();
        }
        while (cursor is not null);

        return items;
    }

    private static void Expect(ApiReply reply, HttpStatusCode expected, string what)
    {
        if (reply.Status != expected)
        {
            throw new InvalidOperationException($"Setup failed to {what}: {(int)reply.Status} after {reply.Attempts} attempt(s).");
        }
    }
}
