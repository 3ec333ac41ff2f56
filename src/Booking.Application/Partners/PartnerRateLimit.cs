using Booking.Application.Common;
using Booking.Application.Storage;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Booking.Application.Partners;

/// <summary>
/// At most <c>Partners:RequestsPerMinute</c> calls per partner per clock minute, counted in the store by
/// conditional increments so the limit holds across every function instance (an in-process limiter would
/// multiply it by the instance count). Returns how long to wait when the limit is reached.
/// </summary>
public sealed class PartnerRateLimit(IDocumentStore<PartnerRateWindow> windows, IOptions<PartnerOptions> options, TimeProvider time)
{
    public async Task<TimeSpan?> AcquireAsync(string partnerId, CancellationToken ct)
    {
        for (var attempt = 0; attempt < ConcurrencyLimits.MaxAttempts; attempt++)
        {
            var now = time.GetCurrentInstant();
            var minute = PartnerRateWindow.Minute(now);
            var retryAfter = TimeSpan.FromSeconds(((minute + 1) * 60) - now.ToUnixTimeSeconds());
            var key = PartnerRateWindow.Key(partnerId, now);
            var stored = await windows.ReadAsync(key, ct);
            if (stored is not null && stored.Value.Count >= options.Value.RequestsPerMinute)
            {
                return retryAfter;
            }

            var expires = Instant.FromUnixTimeSeconds((minute + 2) * 60);
            var written = stored is null
                ? await windows.TryCreateAsync(key, new PartnerRateWindow(minute, 1), expires, ct)
                : await windows.TryReplaceAsync(key, stored.Value with { Count = stored.Value.Count + 1 }, stored.ETag, expires, ct);
            if (written is not null)
            {
                return null;
            }
        }

        return TimeSpan.FromSeconds(1); // heavy contention on one partner's counter: ask it to slow down
    }
}
