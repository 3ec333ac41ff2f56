namespace Booking.Reliability.Scenarios;

/// <summary>One checked property of a run: what must hold, whether it did, and the numbers behind it.</summary>
public sealed record Invariant(string Name, bool Passed, string Detail)
{
    public static Invariant Check(string name, bool passed, string detail) => new(name, passed, detail);
}

/// <summary>
/// What one scenario did and whether every invariant held; <see cref="Findings"/> explain a failure (one line per
/// notification a check found missing or unexpected, with what the run, the store and the bus hold about it).
/// </summary>
public sealed record ScenarioResult(
    string Scenario,
    IReadOnlyDictionary<string, object> Parameters,
    IReadOnlyDictionary<string, object> Counts,
    IReadOnlyList<Invariant> Invariants,
    double Seconds,
    IReadOnlyList<string>? Findings = null)
{
    public bool Passed => Invariants.All(i => i.Passed);

    /// <summary>
    /// For test assertion messages: the invariants that failed, one line each, then the findings that explain them and the
    /// run's counts.
    /// </summary>
    public string Failures => string.Join(
        Environment.NewLine,
        [
            .. Invariants.Where(i => !i.Passed).Select(i => $"{i.Name}: {i.Detail}"),
            .. Findings ?? [],
            CountsLine,
        ]);

    /// <summary>The run's counts on one line: "operations=130, bookings=100, …".</summary>
    public string CountsLine => string.Join(", ", Counts.Select(c => $"{c.Key}={Format(c.Value)}"));

    private static string Format(object value) => value is System.Collections.IDictionary d
        ? "{" + string.Join(", ", d.Keys.Cast<object>().Select(k => $"{k}: {Format(d[k]!)}")) + "}"
        : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
}

/// <summary>Latency percentiles of a set of requests, in milliseconds.</summary>
public static class Percentiles
{
    public static IReadOnlyDictionary<string, object> Of(IEnumerable<TimeSpan> durations)
    {
        var sorted = durations.Select(d => d.TotalMilliseconds).Order().ToArray();
        if (sorted.Length == 0)
        {
            return new Dictionary<string, object>();
        }

        double At(double q) => Math.Round(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)], 1);
        return new Dictionary<string, object> { ["p50Ms"] = At(0.50), ["p95Ms"] = At(0.95), ["p99Ms"] = At(0.99), ["maxMs"] = At(1.0) };
    }
}
