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
    // Issue 19's targets.
    private static readonly (string Scenario, double MinRatio)[] RatioTargets =
        [("slots", 0.50), ("search", 0.40), ("booking", 0.10)];

    private static readonly string[] Scenarios = ["health", "slots", "slots-1", "search", "search-1", "booking"];

    private const double BookingP99TargetMs = 25;
    private const double WorkingSetTargetMb = 300;
    private const double CpuPerBookingTargetUs = 200;

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
                var target = Target($"{scenario} req/s >= {minRatio:P0} of health", Number(s, "ratioToHealth"), minRatio, atLeast: true, "ratio");
                target["reason"] = scenario == "booking" ? BookingReason(meta) : PageReason(scenarios, scenario, minRatio);
                targets.Add(target);
            }
        }

        if (scenarios.SingleOrDefault(x => Name(x) == "booking") is { } booking)
        {
            var target = Target($"booking p99 < {BookingP99TargetMs} ms", Number(booking, "p99Ms"), BookingP99TargetMs, atLeast: false, "ms");
            target["reason"] = $"p50 {Number(booking, "p50Ms"):0.0} ms, p90 {Number(booking, "p90Ms"):0.0} ms: the tail is waits for the store's one writer, not work; {BookingReason(meta)}";
            targets.Add(target);
        }

        if (meta["workingSetMb"] is { } ws)
        {
            var target = Target($"working set after {meta["bookingsTotal"]} bookings < {WorkingSetTargetMb} MB", ws.GetValue<double>(), WorkingSetTargetMb, atLeast: false, "MB");
            target["reason"] = MemoryReason(meta);
            targets.Add(target);
        }

        if (Number(meta, "cpuPerBookingUs", double.NaN) is var cpu && !double.IsNaN(cpu))
        {
            var target = Target($"in-process CPU per booking <= {CpuPerBookingTargetUs} µs", cpu, CpuPerBookingTargetUs, atLeast: false, "µs", orEqual: true);
            target["reason"] = BookingReason(meta);
            targets.Add(target);
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
            var met = t["met"]!.GetValue<bool>();
            text.AppendLine(CultureInfo.InvariantCulture, $"{t["target"]!.GetValue<string>(),-50} {measured,10} {(met ? "yes" : "NO"),4}");
            if (!met && t["reason"]?.GetValue<string>() is { Length: > 0 } reason)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"    measured reason: {reason}");
            }
        }

        return text.ToString();
    }

    private static JsonObject Target(string description, double measured, double limit, bool atLeast, string unit, bool orEqual = false) => new()
    {
        ["target"] = description,
        ["unit"] = unit,
        ["measured"] = Math.Round(measured, 3),
        ["limit"] = limit,
        ["met"] = atLeast ? measured >= limit : measured < limit || (orEqual && measured == limit),
    };

    private static JsonObject Read(string path) => JsonNode.Parse(File.ReadAllText(path))!.AsObject();

    private static string Name(JsonObject scenario) => scenario["scenario"]!.GetValue<string>();

    private static double Number(JsonObject o, string name) => o[name]!.GetValue<double>();

    private static double Number(JsonObject o, string name, double absent) => o[name] is { } n ? n.GetValue<double>() : absent;

    /// <summary>
    /// The same route asked for a page of one item, in the same run: if that misses the target too, the cost is what
    /// every request of the route pays (routing, the store read, JSON, caching headers), not the page's items.
    /// </summary>
    private static string PageReason(List<JsonObject> scenarios, string scenario, double minRatio)
    {
        var one = scenarios.SingleOrDefault(x => Name(x) == scenario + "-1");
        if (one is null)
        {
            return "";
        }

        var ratio = Number(one, "ratioToHealth");
        return ratio < minRatio
            ? $"a page of one item reaches only {ratio:P1} of health, so the cost is per request (what every request of the route pays: routing, its store read, JSON and caching headers), not per item of the page"
            : $"a page of one item reaches {ratio:P1} of health, so what misses is the page's items (reading and writing each of them)";
    }

    private static string BookingReason(JsonObject meta)
    {
        var cpu = Number(meta, "cpuPerBookingUs", double.NaN);
        var passThrough = Number(meta, "cpuPerBookingPassThroughUs", double.NaN);
        var parts = new List<string>();
        if (!double.IsNaN(cpu))
        {
            parts.Add($"in process a booking costs {cpu:0} µs of CPU, its hand-off included (BenchmarkDotNet, one booking at a time on an SQLite file)" +
                (double.IsNaN(passThrough) ? "" : cpu > passThrough ? $", {cpu - passThrough:0} µs of it sealing" : ", sealing within the run's noise (a pass-through cipher measured as much)") +
                (Number(meta, "bookingOneAfterAnotherUs", double.NaN) is var wall && !double.IsNaN(wall) ? $", and takes {wall:0} µs one after another" : ""));
        }

        if (meta["bookingStoreOperations"]?.GetValue<string>() is { Length: > 0 } operations)
        {
            parts.Add($"its request makes {operations} store operations and its hand-off 7 more (4 writes), each write a commit to SQLite's log " +
                "(about 270 µs alone on this machine, 90 µs shared in a group commit: docs/benchmarks.md), which is most of that CPU");
        }

        return string.Join("; ", parts);
    }

    private static string MemoryReason(JsonObject meta) =>
        meta["memory"] is JsonObject m
            ? $"GC heap {Number(m, "gcHeapMb"):0} MB (committed {Number(m, "gcCommittedMb"):0} MB), SQLite {Number(m, "sqliteMb"):0} MB, " +
              $"the rest ({Number(meta, "workingSetMb") - Number(m, "gcCommittedMb") - Number(m, "sqliteMb"):0} MB) the runtime's own memory and mapped code"
            : "";
}
