namespace Booking.Faults;

/// <summary>
/// Test-only fault injection (section <c>Faults</c>): off unless <see cref="Rate"/> is above zero. Read only by a host
/// that added <see cref="FaultInjection"/>; the product ignores the section. docs/operations.md says how the
/// reliability bench uses it.
/// </summary>
public sealed class FaultOptions
{
    public const string Section = "Faults";

    /// <summary>The share of calls that fail, from 0 (off) to 1.</summary>
    public double Rate { get; set; }

    /// <summary>Seeds the draw: the same seed gives the same sequence of faults for the same sequence of calls.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>How long a simulated timeout hangs before it fails.</summary>
    public int TimeoutMilliseconds { get; set; } = 100;

    /// <summary>Which kinds to draw from, comma-separated; all by default.</summary>
    public string Kinds { get; set; } = "Transient,Timeout,CrashAfter";

    /// <summary>What to wrap, comma-separated: <c>Store</c>, <c>Bus</c>, <c>Notifications</c>; all by default.</summary>
    public string Targets { get; set; } = "Store,Bus,Notifications";

    public bool Enabled => Rate > 0;

    public IReadOnlyList<FaultKind> ParsedKinds() => Parse<FaultKind>(Kinds);

    public IReadOnlyList<FaultTarget> ParsedTargets() => Parse<FaultTarget>(Targets);

    private static List<TEnum> Parse<TEnum>(string list)
        where TEnum : struct, Enum =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => Enum.TryParse<TEnum>(s, ignoreCase: true, out var value)
                ? value
                : throw new InvalidOperationException($"Faults: '{s}' is not one of {string.Join(", ", Enum.GetNames<TEnum>())}."))
            .Distinct()
            .ToList();
}
