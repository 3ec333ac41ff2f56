using System.Text.Json;
using Booking.Application.Common;
using Booking.Application.Messaging;
using Booking.Application.Storage;
using Booking.Domain.Common;
using Booking.Domain.Partners;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Booking.Application.Partners;

/// <summary>
/// Counts the distinct appointments each partner reads in a sliding hour. The read that would go past the
/// threshold is refused: the partner is suspended at once, an alert (ids only) goes to <c>operator-alerts</c>,
/// and a warning is logged. A breach through a partner's software then stops at the threshold, not at thousands.
/// </summary>
public sealed partial class BulkReadAlarm(
    IDocumentStore<PartnerReadWindow> windows,
    IDocumentStore<Partner> partners,
    IMessageBus bus,
    IOptions<PartnerOptions> options,
    IOptions<MessagingOptions> messaging,
    TimeProvider time,
    ILogger<BulkReadAlarm> logger)
{
    /// <summary>True when the read may go ahead; false when it tripped the alarm (the partner is now suspended).</summary>
    public async Task<bool> AllowReadAsync(string partnerId, string appointmentId, CancellationToken ct)
    {
        var key = PartnerReadWindow.Key(partnerId);
        for (var attempt = 0; attempt < ConcurrencyLimits.MaxAttempts; attempt++)
        {
            var now = time.GetCurrentInstant();
            var stored = await windows.ReadAsync(key, ct);
            var window = (stored?.Value ?? new PartnerReadWindow([])).With(appointmentId, now);
            if (window.Reads.Count > options.Value.BulkReadAlarmThreshold)
            {
                await TripAsync(partnerId, window.Reads.Count, ct);
                return false;
            }

            var expires = now + PartnerReadWindow.Length;
            var written = await windows.TryWriteOverAsync(key, stored, window, expires, ct);
            if (written is not null)
            {
                return true;
            }
        }

        throw new StoreUnavailableException("A partner's read window kept changing under concurrent reads.");
    }

    private async Task TripAsync(string partnerId, int distinctReads, CancellationToken ct)
    {
        await partners.UpdateAsync(PartnerKeys.Partner(partnerId), p => p.Suspended ? p : p.Suspend(), ct);

        var alertId = OpaqueId.New();
        var alert = new { alertId, type = "PartnerBulkRead", partnerId, distinctAppointments = distinctReads, threshold = options.Value.BulkReadAlarmThreshold, at = time.GetCurrentInstant() };
        await bus.SendAsync(messaging.Value.OperatorAlertsTopic, new BusMessage(alertId, JsonSerializer.Serialize(alert, JsonDefaults.Options), new Dictionary<string, string> { ["type"] = "PartnerBulkRead" }), ct);
        LogTripped(partnerId, distinctReads, options.Value.BulkReadAlarmThreshold);
    }

    [LoggerMessage(EventId = 4001, EventName = "PartnerSuspendedByBulkReadAlarm", Level = LogLevel.Warning,
        Message = "Partner {PartnerId} suspended: {Count} distinct appointments read within an hour (threshold {Threshold})")]
    private partial void LogTripped(string partnerId, int count, int threshold);
}
