using Microsoft.Extensions.Logging;

namespace Booking.Application.Retention;

/// <summary>
/// Daily: removes what the retention policy says has expired, class by class. One class failing does not stop
/// the others (its purger resumes where it stopped on the next run). Logs counts only.
/// </summary>
public sealed partial class PurgeExpiredData(IEnumerable<IRetentionPurger> purgers, ILogger<PurgeExpiredData> logger)
{
    public async Task<IReadOnlyDictionary<string, int>> RunAsync(CancellationToken ct)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        Exception? failure = null;
        foreach (var purger in purgers)
        {
            try
            {
                var removed = await purger.PurgeAsync(ct);
                counts[purger.DataClass] = removed;
                LogPurged(purger.DataClass, removed);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(purger.DataClass, e.GetType().FullName ?? "unknown");
                failure ??= e;
            }
        }

        // The run still fails as a whole, so the host reports it; what could be purged was.
        return failure is null ? counts : throw new RetentionPurgeFailedException(failure);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention purge removed {Count} from {DataClass}")]
    private partial void LogPurged(string dataClass, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention purge of {DataClass} failed with {ExceptionType}; the next run resumes it")]
    private partial void LogFailed(string dataClass, string exceptionType);
}

/// <summary>A class of data could not be purged this run (the others were).</summary>
public sealed class RetentionPurgeFailedException(Exception inner) : Exception("A retention purge failed; see the log for which data class.", inner);
