using Booking.Application.Common;
using Booking.Application.Retention;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Booking.Infrastructure.AccessLog;

/// <summary>
/// Keeps the local access log for <see cref="RetentionOptions.AccessLogDays"/>, whole days at a time. In Azure
/// the access-log container's own policies decide instead: write-once for the immutability period, then a
/// lifecycle rule deletes (the app could not delete those blobs if it tried).
/// </summary>
public sealed class FileAccessLogRetention(FileAccessLog log, IOptions<RetentionOptions> options, TimeProvider time) : IRetentionPurger
{
    public string DataClass => "access log (local files)";

    public Task<int> PurgeAsync(CancellationToken cancellationToken) =>
        Task.FromResult(log.RemoveDaysBefore(time.GetCurrentInstant() - Duration.FromDays(options.Value.AccessLogDays)));
}
