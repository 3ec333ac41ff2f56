using System.Diagnostics;
using System.Globalization;

namespace Booking.LoadDriver;

/// <summary>
/// Lists N practitioners in one city through the operator API, publishes a clinic's week for each (15-minute
/// slots, 28 days ahead), reads back their free slots and writes the files wrk and the bulk booker read:
/// practitioner ids, patient tokens, and booking lines (slot id, patient index) interleaved across practitioners
/// so concurrent bookings rarely race for one practitioner's day.
/// </summary>
public static class Seeder
{
    private static readonly string[] Specialties =
        ["Médecine générale", "Psychiatrie", "Dermatologie", "Cardiologie", "Pédiatrie", "Gynécologie", "Ophtalmologie", "Rhumatologie", "Neurologie", "Oncologie"];

    private static readonly string[] Weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday"];

    public static async Task<int> RunAsync(Options options)
    {
        var count = options.Number("practitioners", 1000);
        var city = options.Text("city", "Saint-Étienne");
        var patients = options.Number("patients", 1000);
        var warmBookings = options.Number("warm-bookings", 10_000);
        var wrkBookings = options.Number("wrk-bookings", 40_000);
        var fillBookings = options.Number("fill-bookings", 100_000);
        var output = Directory.CreateDirectory(options.Text("out")).FullName;
        using var http = Api.Client(options.LoopbackBase(), 16);
        var api = new Api(http);
        var clock = Stopwatch.StartNew();

        var operatorToken = await api.TokenAsync("bench-operator", "operator");
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var tomorrow = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, paris).DateTime).AddDays(1);
        var ids = new string[count];
        var slots = new IReadOnlyList<string>[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var created = await api.SendAsync(HttpMethod.Post, "/api/practitioners", new
            {
                displayName = $"Dr Banc {i:D4}",
                specialty = Specialties[i % Specialties.Length],
                city,
                timeZone = "Europe/Paris",
            }, operatorToken);
            var id = created["practitionerId"]!.GetValue<string>();
            await api.SendAsync(HttpMethod.Put, $"/api/practitioners/{id}/schedule", ClinicWeek(), operatorToken);
            // 27 days of the clinic's week are some 600 slots: one page of the largest size.
            var listed = await api.SendAsync(HttpMethod.Get, $"/api/practitioners/{id}/slots?from={Iso(tomorrow)}&to={Iso(tomorrow.AddDays(26))}&limit=1000", null, null);
            ids[i] = id;
            slots[i] = listed["slots"]!.AsArray().Select(s => s!["slotId"]!.GetValue<string>()).ToList();
        });
        Console.WriteLine($"seeded {count} practitioners in {city} with {slots.Sum(s => s.Count)} free slots in {clock.Elapsed.TotalSeconds:0.0} s");

        var tokens = new string[patients];
        await Parallel.ForAsync(0, patients, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            tokens[i] = await api.TokenAsync($"bench-patient-{i:D5}", "patient"));

        var lines = Interleave(slots).Select((slot, n) => $"{slot} {n % patients}").Take(warmBookings + wrkBookings + fillBookings).ToList();
        if (lines.Count < warmBookings + wrkBookings + fillBookings)
        {
            throw new InvalidOperationException($"Only {lines.Count} free slots for {warmBookings + wrkBookings + fillBookings} bookings: seed more practitioners.");
        }

        await File.WriteAllLinesAsync(Path.Combine(output, "practitioners.txt"), ids);
        await File.WriteAllLinesAsync(Path.Combine(output, "tokens.txt"), tokens);
        await File.WriteAllLinesAsync(Path.Combine(output, "warm-bookings.txt"), lines.Take(warmBookings));
        await File.WriteAllLinesAsync(Path.Combine(output, "wrk-bookings.txt"), lines.Skip(warmBookings).Take(wrkBookings));
        await File.WriteAllLinesAsync(Path.Combine(output, "fill-bookings.txt"), lines.Skip(warmBookings + wrkBookings));
        Console.WriteLine($"wrote {patients} patient tokens and {lines.Count} booking lines to {output} in {clock.Elapsed.TotalSeconds:0.0} s");
        return 0;
    }

    /// <summary>Weekdays 09:00-12:00 and 14:00-18:00, Saturday mornings, 15-minute slots, 28 days ahead.</summary>
    private static object ClinicWeek() => new
    {
        timeZone = "Europe/Paris",
        slotMinutes = 15,
        weekly = Weekdays
            .SelectMany(day => new[] { new { day, start = "09:00", end = "12:00" }, new { day, start = "14:00", end = "18:00" } })
            .Append(new { day = "saturday", start = "09:00", end = "12:00" })
            .ToArray(),
        exceptions = Array.Empty<object>(),
        horizonDays = 28,
        minNoticeMinutes = 60,
    };

    private static IEnumerable<string> Interleave(IReadOnlyList<string>[] slots)
    {
        var longest = slots.Max(s => s.Count);
        for (var round = 0; round < longest; round++)
        {
            foreach (var own in slots.Where(s => round < s.Count))
            {
                yield return own[round];
            }
        }
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
