using System.Globalization;

namespace Booking.Reliability;

/// <summary>The command and sizes, from the command line (<c>--name value</c>); the defaults are the full-size run.</summary>
public sealed record RunSettings(
    string Command,
    int Clients,
    int Slots,
    int Bookings,
    int Contested,
    int Cancellations,
    int Concurrency,
    double FaultRate,
    int Seed,
    int ClientMaxAttempts,
    TimeSpan Drain,
    bool WriteResults,
    string? ReminderSchedule)
{
    public static readonly string[] Commands = ["contention", "contention-cosmos", "contention-shared-sqlite", "contention-servicebus", "crash", "faults", "faults-servicebus", "all"];

    public static RunSettings Parse(string[] args)
    {
        var command = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
        if (!Commands.Contains(command))
        {
            throw new ArgumentException($"Unknown command '{command}'; use one of {string.Join(", ", Commands)}.");
        }

        string? Value(string name)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        int Int(string name, int fallback) => Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

        return new RunSettings(
            command,
            Clients: Int("clients", 1000),
            Slots: Int("slots", 100),
            Bookings: Int("bookings", 1500),
            Contested: Int("contested", 250),
            Cancellations: Int("cancellations", 500),
            Concurrency: Int("concurrency", 64),
            FaultRate: Value("rate") is { } r ? double.Parse(r, CultureInfo.InvariantCulture) : 0.2,
            Seed: Int("seed", 20261201),
            ClientMaxAttempts: Int("max-attempts", 60),
            Drain: TimeSpan.FromSeconds(Int("drain-seconds", 600)),
            WriteResults: !args.Contains("--no-write"),
            ReminderSchedule: Value("reminder-schedule"));
    }

    public const string Usage = """
        dotnet run -c Release --project bench/Booking.Reliability -- <contention|contention-cosmos|contention-shared-sqlite|contention-servicebus|crash|faults|faults-servicebus|all> [options]
          --clients N        contention: concurrent clients (1000)       --slots N        contention: slots raced for (100)
          --bookings N       faults: booking requests (1500)             --contested N    faults: of them, on a slot someone else wants (250)
          --cancellations N  faults: accepted bookings then cancelled (500)
          --concurrency N    faults: clients at once (64)                --rate R         faults: Faults:Rate (0.2)   --seed N (20261201)
          --max-attempts N   faults: tries per request (60)              --drain-seconds N  crash: at most this long for confirmations (600)
          --reminder-schedule CRON  faults: the reminder timer's six-field schedule (the product's, every 15 minutes)
          --no-write         don't write bench/results/reliability-<date>.json
        contention-shared-sqlite: two DevHosts on one data directory.  crash: --bookings, --concurrency, --drain-seconds; kill -9 after a third.
        faults: the drain retries the timers' work every round until nothing is pending and nothing moved (or nothing can move any more).
        all = contention, contention-cosmos, contention-shared-sqlite, contention-servicebus, crash, faults (faults-servicebus only by name: it is slow).
        The *-servicebus runs: two hosts on one Cosmos-protocol server and one Service Bus stand-in (no embedded bus).
        """;
}
