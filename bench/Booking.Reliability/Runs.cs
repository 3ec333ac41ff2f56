using System.Globalization;
using Booking.Reliability.Scenarios;
using Booking.Tests.Shared;

namespace Booking.Reliability;

/// <summary>Each scenario with the processes it needs: started here, stopped at the end whatever happens.</summary>
public static class Runs
{
    /// <summary>Runs one scenario and prints it; a scenario that could not finish is a failed result, not the end of the run.</summary>
    public static async Task<ScenarioResult> GuardedAsync(string name, Func<Task<ScenarioResult>> run)
    {
        ScenarioResult result;
        try
        {
            result = await run();
        }
        catch (Exception e)
        {
            result = new ScenarioResult(name, new Dictionary<string, object>(), new Dictionary<string, object>(),
                [Invariant.Check("the scenario ran to the end", false, $"{e.GetType().Name}: {e.Message}")], 0);
        }

        Report.Print(result);
        return result;
    }

    public static readonly TimeSpan ContentionPatience = TimeSpan.FromMinutes(10);

    public static async Task<ScenarioResult> ContentionAsync(RunSettings s)
    {
        Console.WriteLine($"contention: {s.Clients} clients, {s.Slots} slots, one DevHost process (embedded store)…");
        await using var host = await DevHostProcess.StartAsync([]);
        using var api = BookingApi.For(host.Address, timeout: ContentionPatience);
        return await ContentionScenario.RunAsync("contention", [api], new ContentionScenario.Size(s.Clients, s.Slots));
    }

    public static async Task<ScenarioResult> ContentionOnCosmosAsync(RunSettings s)
    {
        Console.WriteLine($"contention-cosmos: {s.Clients} clients, {s.Slots} slots, two DevHost processes on one Cosmos-protocol server…");
        EnsureLocalServersInstalled();
        await using var cosmos = await LocalCosmosServer.StartAsync();
        var keyRing = Directory.CreateTempSubdirectory("booking-reliability-keyring-").FullName;
        try
        {
            // Two instances share the database and, as they would share Key Vault in Azure, the key ring.
            string[] shared =
            [
                "--Storage:Provider=Cosmos", $"--Cosmos:Endpoint={cosmos.Endpoint}", $"--Cosmos:Key={cosmos.Key}",
                $"--Cosmos:DatabaseName=reliability-{Guid.NewGuid():N}"[..40], "--Cosmos:AcceptAnyServerCertificate=true",
                "--Cosmos:CreateIfNotExists=true", $"--KeyRing:Directory={keyRing}",
            ];
            await using var first = await DevHostProcess.StartAsync(shared);
            await using var second = await DevHostProcess.StartAsync(shared);
            Console.WriteLine($"  hosts: pid {first.ProcessId} at {first.Address}, pid {second.ProcessId} at {second.Address}; Cosmos at {cosmos.Endpoint}");
            // A thousand bookings at once through a local Cosmos-protocol server queue for minutes on a busy 2-core machine:
            // a client that waits is fine here, what must never come back is a 5xx.
            using var a = BookingApi.For(first.Address, timeout: ContentionPatience);
            using var b = BookingApi.For(second.Address, timeout: ContentionPatience);
            return await ContentionScenario.RunAsync("contention-cosmos", [a, b], new ContentionScenario.Size(s.Clients, s.Slots));
        }
        finally
        {
            Directory.Delete(keyRing, recursive: true);
        }
    }

    public static async Task<ScenarioResult> ContentionOnSharedSqliteAsync(RunSettings s)
    {
        Console.WriteLine($"contention-shared-sqlite: {s.Clients} clients, {s.Slots} slots, two DevHost processes on one data directory (one SQLite file, one bus)…");
        var data = Directory.CreateTempSubdirectory("booking-reliability-shared-").FullName;
        try
        {
            await using var first = await DevHostProcess.StartAsync([], data);
            await using var second = await DevHostProcess.StartAsync([], data);
            Console.WriteLine($"  hosts: pid {first.ProcessId} at {first.Address}, pid {second.ProcessId} at {second.Address}; data in {data}");
            using var a = BookingApi.For(first.Address, timeout: ContentionPatience);
            using var b = BookingApi.For(second.Address, timeout: ContentionPatience);
            return await ContentionScenario.RunAsync("contention-shared-sqlite", [a, b], new ContentionScenario.Size(s.Clients, s.Slots));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    public static async Task<ScenarioResult> CrashAsync(RunSettings s)
    {
        var size = new CrashScenario.Size(s.Bookings, s.Concurrency, KillAfter: s.Bookings / 3, s.Drain);
        Console.WriteLine($"crash: {size.Bookings} bookings, {size.Concurrency} at a time, the DevHost killed (SIGKILL) after {size.KillAfter} were acknowledged, then started again…");
        var data = Directory.CreateTempSubdirectory("booking-reliability-crash-").FullName;
        try
        {
            return await CrashScenario.RunAsync("crash", data, size);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    public static async Task<ScenarioResult> FaultsAsync(RunSettings s)
    {
        Console.WriteLine($"faults: {s.Bookings} bookings ({s.Contested} contested) and {s.Cancellations} cancellations, Faults:Rate={s.FaultRate} seed {s.Seed}…");
        await using var host = new ProcessFaultRunHost(s.FaultRate, s.Seed, s.ClientMaxAttempts, s.ReminderSchedule);
        return await FaultScenario.RunAsync(
            "faults", host, new FaultScenario.Size(s.Bookings, s.Contested, s.Cancellations, s.Concurrency), s.ClientMaxAttempts);
    }

    public static void EnsureLocalServersInstalled()
    {
        if (!Directory.Exists(Path.Combine(TestPaths.TestsDirectory, "node_modules", "@vercel", "cosmosdb-server")))
        {
            throw new InvalidOperationException($"The Cosmos-protocol server is not installed: run 'npm ci' in {TestPaths.TestsDirectory} (scripts/test.sh does).");
        }
    }
}

/// <summary>
/// A fault run's host as a separate process over one temporary data directory: the faulty host for the run itself,
/// the plain DevHost to set up and to inspect, so the product host is what finishes whatever the faults left.
/// </summary>
public sealed class ProcessFaultRunHost(double rate, int seed, int maxAttempts, string? reminderSchedule = null) : IFaultRunHost, IAsyncDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("booking-reliability-faults-").FullName;
    private DevHostProcess? _host;
    private BookingApi? _api;

    public async Task<IReadOnlyList<BookingApi>> StartAsync(bool withFaults)
    {
        _host = await DevHostProcess.StartAsync(
            withFaults ? FaultScenario.HostSettings(rate, seed, reminderSchedule: reminderSchedule) : FaultScenario.QuietHostSettings, _dataDirectory, faultInjection: withFaults);
        _api = BookingApi.For(_host.Address, withFaults ? maxAttempts : 3);
        return [_api];
    }

    public async Task StopAsync()
    {
        _api?.Dispose();
        if (_host is not null)
        {
            await _host.StopAsync();
            await _host.DisposeAsync();
        }

        _host = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
