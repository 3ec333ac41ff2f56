using Microsoft.Extensions.Logging;

namespace Booking.Application.Retention;

/// <summary>Removes what the retention policy says has expired. Logs counts only.</summary>
public sealed partial class PurgeExpiredData(IEnumerable<IExpiredDocumentPurger> purgers, ILogger<PurgeExpiredData> logger)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var total = 0;
        foreach (var purger in purgers)
        {
            var removed = await purger.PurgeExpiredAsync(ct);
            if (removed > 0)
            {
                LogPurged(purger.Collection, removed);
            }

            total += removed;
        }

        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} expired documents from {Collection}")]
    private partial void LogPurged(string collection, int count);
}
