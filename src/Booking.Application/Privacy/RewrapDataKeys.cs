using Booking.Application.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Booking.Application.Privacy;

/// <summary>
/// The re-wrap timer's run: makes sure the current KEK epoch exists, moves every live data key under it, then
/// retires each older epoch that no live data key uses once the backups taken while it was in use have expired
/// (<see cref="KekEpochOptions.BackupRetentionHours"/> after it stopped being used). Erased patients' data keys,
/// still in those backups, then open nowhere. Logs counts only.
/// </summary>
public sealed partial class RewrapDataKeys(DataKeys dataKeys, IKekEpochs epochs, IOptions<KekEpochOptions> options, TimeProvider time, ILogger<RewrapDataKeys> logger)
{
    public async Task<RewrapReport> RunAsync(CancellationToken ct)
    {
        var current = KekEpoch.Containing(time.GetCurrentInstant(), options.Value.KekEpochMonths);
        var created = await epochs.EnsureEpochAsync(current, ct);
        var rewrap = await dataKeys.RewrapAllAsync(ct);
        var report = await RetireUnusedAsync(current, rewrap, ct) with { Created = created, Moved = rewrap.Moved };
        LogRun(report.Moved, report.Created ? 1 : 0, report.MarkedUnused, report.Retired, report.AwaitingPurge);
        return report;
    }

    private async Task<RewrapReport> RetireUnusedAsync(KekEpoch current, DataKeyRewrap rewrap, CancellationToken ct)
    {
        var now = time.GetCurrentInstant();
        var retention = Duration.FromHours(options.Value.BackupRetentionHours);
        var report = new RewrapReport();
        foreach (var state in await epochs.ListAsync(ct))
        {
            if (state.Epoch >= current)
            {
                continue;
            }

            if (state.KekVersions.Any(rewrap.KekVersionsInUse.Contains))
            {
                if (state.UnusedSince is not null)
                {
                    await epochs.MarkUnusedSinceAsync(state.Epoch, null, ct);
                }
            }
            else if (state.UnusedSince is not { } since || state.KekVersions.Any(rewrap.KekVersionsMovedFrom.Contains))
            {
                // Unused from now: this pass moved its last keys off it (a late one, written by an instance that had not yet
                // seen the new epoch, restarts the wait), or it is the first pass to find it empty.
                await epochs.MarkUnusedSinceAsync(state.Epoch, now, ct);
                report = report with { MarkedUnused = report.MarkedUnused + 1 };
            }
            else if (now >= since + retention)
            {
                report = await epochs.RetireAsync(state.Epoch, ct) == KekRetirement.Destroyed
                    ? report with { Retired = report.Retired + 1 }
                    : report with { Retired = report.Retired + 1, AwaitingPurge = report.AwaitingPurge + 1 };
            }
        }

        return report;
    }

    [LoggerMessage(EventId = 4010, EventName = "DataKeysRewrapped", Level = LogLevel.Information,
        Message = "Re-wrapped {Moved} data keys under the current KEK epoch; epochs created {Created}, newly unused {MarkedUnused}, retired {Retired} (of which awaiting Key Vault's purge {AwaitingPurge})")]
    private partial void LogRun(int moved, int created, int markedUnused, int retired, int awaitingPurge);
}
