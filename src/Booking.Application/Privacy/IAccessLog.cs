using NodaTime;

namespace Booking.Application.Privacy;

/// <summary>
/// The append-only record of every read of personal data. Adapters: append blobs in a container under an
/// immutability policy (Azure), append-only files under the data directory (local).
/// </summary>
public interface IAccessLog
{
    Task AppendAsync(AccessLogEntry entry, CancellationToken cancellationToken);

    /// <summary>Every entry about one patient, oldest first (for their export).</summary>
    Task<IReadOnlyList<AccessLogEntry>> AboutPatientAsync(string patientId, CancellationToken cancellationToken);

    /// <summary>Every entry written in [<paramref name="from"/>, <paramref name="to"/>), oldest first (for breach reports).</summary>
    Task<IReadOnlyList<AccessLogEntry>> BetweenAsync(Instant from, Instant to, CancellationToken cancellationToken);
}
