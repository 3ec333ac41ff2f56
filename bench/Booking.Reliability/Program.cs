using System.Globalization;
using System.Text.Json;
using Booking.Reliability;
using Booking.Reliability.Scenarios;
using Booking.Tests.Shared;

RunSettings settings;
try
{
    settings = RunSettings.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(RunSettings.Usage);
    return 2;
}

var results = new List<ScenarioResult>();
if (settings.Command is "contention" or "all")
{
    results.Add(await Runs.GuardedAsync("contention", () => Runs.ContentionAsync(settings)));
}

if (settings.Command is "contention-cosmos" or "all")
{
    results.Add(await Runs.GuardedAsync("contention-cosmos", () => Runs.ContentionOnCosmosAsync(settings)));
}

if (settings.Command is "contention-shared-sqlite" or "all")
{
    results.Add(await Runs.GuardedAsync("contention-shared-sqlite", () => Runs.ContentionOnSharedSqliteAsync(settings)));
}

if (settings.Command is "contention-servicebus" or "all")
{
    results.Add(await Runs.GuardedAsync("contention-servicebus", () => ServiceBusRuns.ContentionAsync(settings)));
}

if (settings.Command is "crash" or "all")
{
    results.Add(await Runs.GuardedAsync("crash", () => Runs.CrashAsync(settings)));
}

if (settings.Command is "faults" or "all")
{
    results.Add(await Runs.GuardedAsync("faults", () => Runs.FaultsAsync(settings)));
}

// Not in "all": over the local Cosmos-protocol server a fault run makes ~5 operations a second (measured), so the
// full-size run would add a quarter of an hour; run it by name at a modest size (docs/benchmarks.md).
if (settings.Command is "faults-servicebus")
{
    results.Add(await Runs.GuardedAsync("faults-servicebus", () => ServiceBusRuns.FaultsAsync(settings)));
}

Report.Summary(results);
if (settings.WriteResults)
{
    var path = Path.Combine(TestPaths.RepositoryRoot, "bench", "results", $"reliability-{DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.json");
    await File.WriteAllTextAsync(path, Report.MergeInto(File.Exists(path) ? await File.ReadAllTextAsync(path) : null, Report.Document(settings, results)));
    Console.WriteLine($"Written: {Path.GetRelativePath(TestPaths.RepositoryRoot, path)}");
}

return results.All(r => r.Passed) ? 0 : 1;
