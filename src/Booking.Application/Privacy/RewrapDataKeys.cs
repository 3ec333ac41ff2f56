using Microsoft.Extensions.Logging;

namespace Booking.Application.Privacy;

/// <summary>Moves every stored data key under the newest KEK, after a rotation. Logs a count only.</summary>
public sealed partial class RewrapDataKeys(DataKeys dataKeys, ILogger<RewrapDataKeys> logger)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var moved = await dataKeys.RewrapAllAsync(ct);
        LogRewrapped(moved);
        return moved;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-wrapped {Count} data keys under the newest KEK")]
    private partial void LogRewrapped(int count);
}
