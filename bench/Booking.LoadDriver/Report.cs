using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Booking.LoadDriver;

/// <summary>
/// Joins wrk's per-scenario figures (written by bench/wrk/report.lua) and the run's facts (meta.json) into one
/// results file, with each scenario's ratio to health's requests per second and each target met or not.
/// </summary>
public static class Report
{
    private static readonly (string Scenario, double MinRatio)[] RatioTargets =
        [("slots", 0.50), ("booking", 0.30), ("search", 0.25)];

    private static readonly string[] Scenarios = ["health", "slots", "search", "booking"];

    private const double BookingP99TargetMs = 50;
    private const double WorkingSetTargetMb = 500;

    public static int Run(Options options)
    {
        var directory = options.Text("dir");
        var meta = Read(Path.Combine(directory, "meta.json"));
        var scenarios = Scenarios
            .Select(name => Path.Combine(directory, name + ".json"))
            .Where(File.Exists)
            .Select(Read)
            .ToList();
        // Health is measured before and after the others; its mean is the baseline, so a change in what the
        // machine's other tenants do during the run weighs on both sides of each ratio alike.
        var health = scenarios.Single(s => Name(s) == "health");
        var after = Path.Combine(directory, "health-after.json");
        var healthRps = Number(health, "rps");
        if (File.Exists(after))
        {
            var afterRps = Number(Read(after), "rps");
            health["rpsBefore"] = healthRps;
            health["rpsAfter"] = afterRps;
            healthRps = Math.Round((healthRps + afterRps) / 2, 1);
            health["rps"] = healthRps;
        }

        foreach (var s in scenarios)
        {
            s["ratioToHealth"] = Math.Round(Number(s, "rps") / healthRps, 3);
        }

        var targets = new JsonArray();
        foreach (var (scenario, minRatio) in RatioTargets)
        {
            var s = scenarios.SingleOrDefault(x => Name(x) == scenario);
            if (s is not null)
            {
                targets.Add(Target($"{scenario} req/s >= {minRatio:P0} of health", Number(s, "ratioToHealth"), minRatio, atLeast: true, "ratio"));
            }
        }

        if (scenarios.SingleOrDefault(x => Name(x) == "booking") is { } booking)
        {
            targets.Add(Target($"booking p99 < {BookingP99TargetMs} ms", Number(booking, "p99Ms"), BookingP99TargetMs, atLeast: false, "ms"));
        }

        if (meta["workingSetMb"] is { } ws)
        {
            targets.Add(Target($"working set after {meta["bookingsTotal"]} bookings < {WorkingSetTargetMb} MB", ws.GetValue<double>(), WorkingSetTargetMb, atLeast: false, "MB"));
        }

        var results = new JsonObject
        {
            ["meta"] = meta,
            ["scenarios"] = new JsonArray([.. scenarios]),
            ["targets"] = targets,
        };
        File.WriteAllText(options.Text("out"), results.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        Console.WriteLine(Table(scenarios, targets));
        return 0;
    }

    private static string Table(List<JsonObject> scenarios, JsonArray targets)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"scenario",-10} {"req/s",9} {"p50 ms",8} {"p99 ms",8} {"vs health",9} {"non-2xx",8}");
        foreach (var s in scenarios)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{Name(s),-10} {Number(s, "rps"),9:0} {Number(s, "p50Ms"),8:0.00} {Number(s, "p99Ms"),8:0.00} {Number(s, "ratioToHealth"),9:P1} {s["errors"]!["status"]!.GetValue<long>(),8}");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"target",-50} {"measured",10} {"met",4}");
        foreach (var t in targets.Select(t => t!.AsObject()))
        {
            var unit = t["unit"]!.GetValue<string>();
            var measured = unit == "ratio" ? t["measured"]!.GetValue<double>().ToString("P1", CultureInfo.InvariantCulture) : $"{t["measured"]!.GetValue<double>():0.0} {unit}";
            text.AppendLine(CultureInfo.InvariantCulture, $"{t["target"]!.GetValue<string>(),-50} {measured,10} {(t["met"]!.GetValue<bool>() ? "yes" : "NO"),4}");
        }

        return text.ToString();
    }

    private static JsonObject Target(string description, double measured, double limit, bool atLeast, string unit) => new()
    {
        ["target"] = description,
        ["unit"] = unit,
        ["measured"] = Math.Round(measured, 3),
        ["limit"] = limit,
        ["met"] = atLeast ? measured >= limit : measured < limit,
    };

    private static JsonObject Read(string path) => JsonNode.Parse(File.ReadAllText(path))!.AsObject();

    private static string Name(JsonObject scenario) => scenario["scenario"]!.GetValue<string>();

    private static double Number(JsonObject o, string name) => o[name]!.GetValue<double>();
}
