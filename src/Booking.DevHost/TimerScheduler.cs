using Cronos;

namespace Booking.DevHost;

/// <summary>
/// Runs the timer functions on their schedules (six-field cron with seconds, as the Functions host reads
/// them; a %Setting% schedule is looked up in configuration). Runs never overlap per function.
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

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(catalog.Timers.Select(t => LoopAsync(t, stoppingToken)));

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
