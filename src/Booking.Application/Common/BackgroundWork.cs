using Microsoft.Extensions.Logging;

namespace Booking.Application.Common;

/// <summary>
/// Runs work off the request path: the request answers without waiting for it. The work does not inherit the request's
/// execution context (its ambient values, its cancellation), so it is neither cancelled with the request nor counted
/// as its work. Nothing here is durable: whatever is handed off must be finished by someone else if this process dies
/// first (for a booking, the outbox sweeper, from the marker written before the appointment).
/// </summary>
public sealed partial class BackgroundWork(ILogger<BackgroundWork> logger)
{
    private int _running;

    /// <summary>How many handed-off pieces of work have not finished yet.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>Starts <paramref name="work"/> on the thread pool; its failure is logged (with <paramref name="what"/>, never data), not thrown.</summary>
    public void Start(string what, Func<CancellationToken, Task> work)
    {
        Interlocked.Increment(ref _running);
        using (ExecutionContext.SuppressFlow())
        {
            _ = Task.Run(() => RunAsync(what, work));
        }
    }

    /// <summary>Returns once nothing handed off is still running, or after <paramref name="timeout"/>. For tests and orderly stops.</summary>
    public async Task WhenIdleAsync(TimeSpan timeout)
    {
        using var stop = new CancellationTokenSource(timeout);
        while (Running > 0 && !stop.IsCancellationRequested)
        {
            await Task.Delay(5, CancellationToken.None);
        }
    }

    private async Task RunAsync(string what, Func<CancellationToken, Task> work)
    {
        try
        {
            await work(CancellationToken.None);
        }
        catch (Exception e)
        {
            LogFailed(what, e.GetType().FullName ?? "unknown");
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Background work {What} failed with {ExceptionType}; what it left is finished by its sweeper")]
    private partial void LogFailed(string what, string exceptionType);
}
