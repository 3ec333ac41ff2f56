using System.Text.Json;
using Booking.Reliability.Scenarios;

namespace Booking.Reliability;

/// <summary>The console report and the JSON written to bench/results.</summary>
public static class Report
{
    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static void Print(ScenarioResult r)
    {
        Console.WriteLine();
        Console.WriteLine($"== {r.Scenario}: {(r.Passed ? "PASS" : "FAIL")} ({r.Seconds} s)");
        Console.WriteLine("   " + string.Join("  ", r.Parameters.Select(p => $"{p.Key}={p.Value}")));
        foreach (var (name, value) in r.Counts)
        {
            Console.WriteLine($"   {name,-28} {Format(value)}");
        }

        foreach (var i in r.Invariants)
        {
            Console.WriteLine($"   [{(i.Passed ? "pass" : "FAIL")}] {i.Name} — {i.Detail}");
        }

        foreach (var finding in r.Findings ?? [])
        {
            Console.WriteLine("   " + finding.Replace("\n", "\n     ", StringComparison.Ordinal));
        }
    }

    public static void Summary(IReadOnlyList<ScenarioResult> results)
    {
        Console.WriteLine();
        foreach (var r in results)
        {
            Console.WriteLine($"{r.Scenario,-20} {(r.Passed ? "PASS" : "FAIL")}  {r.Invariants.Count(i => i.Passed)}/{r.Invariants.Count} invariants");
        }
    }

    public static object Document(RunSettings settings, IReadOnlyList<ScenarioResult> results) => new
    {
        date = DateTime.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        command = settings.Command,
        machine = new { cores = Environment.ProcessorCount, os = System.Runtime.InteropServices.RuntimeInformation.OSDescription, dotnet = Environment.Version.ToString() },
        passed = results.All(r => r.Passed),
        scenarios = results.Select(r => new { scenario = r.Scenario, passed = r.Passed, seconds = r.Seconds, parameters = r.Parameters, counts = r.Counts, invariants = r.Invariants, findings = r.Findings is { Count: > 0 } f ? f : null }),
    };

    /// <summary>Today's file with this run's scenarios in place of earlier runs of the same scenarios; the others kept.</summary>
    public static string MergeInto(string? existing, object document)
    {
        var fresh = System.Text.Json.Nodes.JsonNode.Parse(JsonSerializer.Serialize(document, Json))!.AsObject();
        var earlier = existing is null ? null : System.Text.Json.Nodes.JsonNode.Parse(existing)?["scenarios"]?.AsArray();
        if (earlier is not null)
        {
            var ran = fresh["scenarios"]!.AsArray().Select(s => s!["scenario"]!.GetValue<string>()).ToHashSet();
            var kept = earlier.Where(s => !ran.Contains(s!["scenario"]!.GetValue<string>())).Select(s => s!.DeepClone()).ToList();
            var scenarios = fresh["scenarios"]!.AsArray();
            foreach (var k in kept)
            {
                scenarios.Add(k);
            }

            fresh["passed"] = scenarios.All(s => s!["passed"]!.GetValue<bool>());
        }

        return fresh.ToJsonString(Json);
    }

    private static string Format(object value) => value switch
    {
        IReadOnlyDictionary<string, object> d => string.Join(", ", d.Select(kv => $"{kv.Key} {kv.Value}")),
        IReadOnlyDictionary<string, int> d => d.Count == 0 ? "none" : string.Join(", ", d.Select(kv => $"{kv.Key} {kv.Value}")),
        _ => value.ToString() ?? "",
    };
}
