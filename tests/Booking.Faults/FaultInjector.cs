using System.Collections.Concurrent;
using Booking.Application.Storage;
using Microsoft.Extensions.Options;

namespace Booking.Faults;

/// <summary>
/// Draws faults from a seeded generator and applies them around a call. The sequence of draws is fixed by the
/// seed; which call gets which draw depends on the order calls arrive, so a single-threaded run replays exactly
/// and a concurrent one has the same mix of faults.
/// </summary>
public sealed class FaultInjector
{
    private readonly FaultOptions _options;
    private readonly IReadOnlyList<FaultKind> _kinds;
    private readonly HashSet<FaultTarget> _targets;
    private readonly Random _random;
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<(FaultTarget, FaultKind), long> _counts = new();

    public FaultInjector(IOptions<FaultOptions> options)
    {
        _options = options.Value;
        if (_options.Rate is < 0 or > 1 || double.IsNaN(_options.Rate))
        {
            throw new InvalidOperationException($"Faults:Rate must be between 0 and 1, not {_options.Rate}.");
        }

        _kinds = _options.ParsedKinds();
        _targets = [.. _options.ParsedTargets()];
        // Determinism is the point here, not unpredictability.
#pragma warning disable CA5394
        _random = new Random(_options.Seed);
#pragma warning restore CA5394
    }

    public bool Targets(FaultTarget target) => _options.Enabled && _targets.Contains(target) && _kinds.Count > 0;

    /// <summary>The next fault for a call on <paramref name="target"/> (counted), or <see cref="FaultKind.None"/>.</summary>
    public FaultKind Next(FaultTarget target)
    {
        if (!Targets(target))
        {
            return FaultKind.None;
        }

        FaultKind kind;
        lock (_gate)
        {
#pragma warning disable CA5394
            var hit = _random.NextDouble() < _options.Rate;
            kind = hit ? _kinds[_random.Next(_kinds.Count)] : FaultKind.None;
#pragma warning restore CA5394
        }

        _counts.AddOrUpdate((target, kind), 1, (_, n) => n + 1);
        return kind;
    }

    /// <summary>Calls made and faults injected so far, by target then kind (<c>None</c> = calls let through).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Counts() =>
        _counts.GroupBy(c => c.Key.Item1)
            .ToDictionary(
                g => g.Key.ToString(),
                g => (IReadOnlyDictionary<string, long>)g.ToDictionary(c => c.Key.Item2.ToString(), c => c.Value));

    /// <summary>Runs <paramref name="call"/> under the next fault drawn for <paramref name="target"/>.</summary>
    public async Task<T> RunAsync<T>(FaultTarget target, string operation, Func<Task<T>> call, CancellationToken ct)
    {
        switch (Next(target))
        {
            case FaultKind.Transient:
                throw Failure(target, $"Injected transient failure of {operation}.");
            case FaultKind.Timeout:
                await Task.Delay(_options.TimeoutMilliseconds, ct);
                throw Failure(target, $"Injected timeout of {operation}.");
            case FaultKind.CrashAfter:
                await call();
                throw new InjectedCrashException($"Injected crash after {operation} succeeded.");
            default:
                return await call();
        }
    }

    public Task RunAsync(FaultTarget target, string operation, Func<Task> call, CancellationToken ct) =>
        RunAsync(target, operation, async () =>
        {
            await call();
            return true;
        }, ct);

    // Stores fail the way their adapters do, so the app answers 503 as it would in production.
    private static Exception Failure(FaultTarget target, string message) =>
        target == FaultTarget.Store ? new StoreUnavailableException(message) : new InjectedFaultException(message);
}
