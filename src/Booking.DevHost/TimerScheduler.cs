using Cronos;

namespace Booking.DevHost;

/// <summary>
/// Runs the timer functions on their schedules (six-field cron with seconds, as the Functions host reads
/// them; a %Setting% schedule is looked up in configuration). Runs never overlap per function.
/// <c>DevHost:Timers</c> says which run on their schedules: <c>all</c> (unset), <c>none</c>, or a comma-separated
/// list of function names; every timer can still be run at once through <see cref="RunNowAsync"/>.
/// </summary>
public sealed partial class TimerScheduler(
    FunctionCatalog catalog, IConfiguration configuration, IServiceProvider services, TimeProvider time, ILogger<TimerScheduler> logger)
    : BackgroundService
{
    private readonly Dictionary<string, SemaphoreSlim> _running = catalog.Timers.ToDictionary(t => t.Name, _ => new SemaphoreSlim(1, 1));

    /// <summary>Runs <paramref name="name"/> now and returns once it is over; false when no timer has that name.</summary>
    public async Task<bool> RunNowAsync(string name, CancellationToken ct)
    {
        var function = catalog.Timers.FirstOrDefault(t => t.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        if (function is null)
        {
            return false;
        }

        await RunAsync(function, ct);
        return true;
    }

    public string ResolveSchedule(TimerFunction function) => Settings.Resolve(configuration, function.Schedule);

    public const string ScheduledKey = "DevHost:Timers";

    /// <summary>The timers that run on their schedules, as <c>DevHost:Timers</c> says.</summary>
    public IReadOnlyList<TimerFunction> Scheduled => ScheduledTimers(catalog, configuration[ScheduledKey]);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Scheduled.Select(t => LoopAsync(t, stoppingToken)));

    private static List<TimerFunction> ScheduledTimers(FunctionCatalog catalog, string? setting)
    {
        if (string.IsNullOrWhiteSpace(setting) || setting.Trim().Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return [.. catalog.Timers];
        }

        if (setting.Trim().Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        var names = setting.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = names.Where(n => !catalog.Timers.Any(t => t.Name.Equals(n, StringComparison.OrdinalIgnoreCase))).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"{ScheduledKey} names no timer function called {string.Join(", ", unknown)} (timers: {string.Join(", ", catalog.Timers.Select(t => t.Name))}).");
        }

        return [.. catalog.Timers.Where(t => names.Contains(t.Name, StringComparer.OrdinalIgnoreCase))];
    }

    private async Task LoopAsync(TimerFunction function, CancellationToken ct)
    {
        var cron = CronExpression.Parse(ResolveSchedule(function), CronFormat.IncludeSeconds);
        while (!ct.IsCancellationRequested)
        {
            var next = cron.GetNextOccurrence(time.GetUtcNow(), TimeZoneInfo.Utc);
            if (next is null)
            {
                return;
            }

            try
            {
                var wait = next.Value - time.GetUtcNow();
                await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, time, ct);
                await RunAsync(function, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogFailed(function.Name, e.GetType().FullName ?? "unknown");
            }
        }
    }

    private async Task RunAsync(TimerFunction function, CancellationToken ct)
    {
        var gate = _running[function.Name];
        await gate.WaitAsync(ct);
        try
        {
            await using var scope = services.CreateAsyncScope();
            await FunctionInvoker.InvokeTimerAsync(function, scope.ServiceProvider, ct);
            LogRan(function.Name);
        }
        finally
        {
            gate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer function {Function} ran")]
    private partial void LogRan(string function);

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer function {Function} failed with {ExceptionType}")]
    private partial void LogFailed(string function, string exceptionType);
}
