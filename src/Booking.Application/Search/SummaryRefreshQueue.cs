using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Booking.Application.Search;

/// <summary>
/// Refreshes, in the background, the summaries a search found past their validity: the search answers at once with
/// the slots still offered, and the next one (seconds later) sees the refreshed summary. Lazily, rather than by a
/// timer over every city: only what is searched gets refreshed, and a summary nobody reads costs nothing. At most
/// <see cref="MaxPending"/> practitioners wait, each once; at most two refresh at a time, so a burst of stale pages
/// never takes the host's cores from requests. Nothing is lost if the process stops: the summary stays stale, and
/// the next search asks again.
/// </summary>
public sealed partial class SummaryRefreshQueue(AvailabilitySummaries summaries, ILogger<SummaryRefreshQueue> logger) : IDisposable
{
    public const int MaxPending = 1_000;
    private readonly ConcurrentDictionary<string, byte> _pending = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _running = new(2);

    /// <summary>The refreshes asked for and not yet done (tests wait for none).</summary>
    public int Pending => _pending.Count;

    public void Request(string practitionerId)
    {
        if (_pending.Count < MaxPending && _pending.TryAdd(practitionerId, 0))
        {
            _ = Task.Run(() => RefreshAsync(practitionerId));
        }
    }

    public void Dispose() => _running.Dispose();

    private async Task RefreshAsync(string practitionerId)
    {
        await _running.WaitAsync();
        try
        {
            await summaries.RefreshAsync(practitionerId, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRefreshFailed(practitionerId, e.GetType().Name);
        }
        finally
        {
            _pending.TryRemove(practitionerId, out _);
            _running.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing the availability summary of practitioner {PractitionerId} failed with {ExceptionType}; the next search asks again")]
    private partial void LogRefreshFailed(string practitionerId, string exceptionType);
}
