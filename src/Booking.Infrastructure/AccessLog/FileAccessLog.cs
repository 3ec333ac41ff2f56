using Booking.Application.Privacy;
using NodaTime;
using NodaTime.Text;

namespace Booking.Infrastructure.AccessLog;

/// <summary>
/// The local access log: one append-only file per UTC day under the data directory's <c>access-log/</c>
/// (in memory only when there is no data directory). Entries are flushed before the data they record is returned.
/// Hosts sharing the data directory append, read and remove under one lock file (<c>access-log/.lock</c>), so no
/// append lands over another's and no reader sees half a line.
/// </summary>
public sealed class FileAccessLog(string? dataDirectory) : IAccessLog
{
    private readonly object _gate = new();
    private readonly List<AccessLogEntry> _memory = [];
    private readonly string? _directory = dataDirectory is null ? null : Path.Combine(dataDirectory, "access-log");

    public Task AppendAsync(AccessLogEntry entry, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_directory is null)
            {
                _memory.Add(entry);
                return Task.CompletedTask;
            }

            Directory.CreateDirectory(_directory);
            using var exclusive = Lock();
            using var file = new FileStream(PathFor(entry.At), FileMode.Append, FileAccess.Write, FileShare.Read);
            file.Write(AccessLogSerializer.ToLine(entry));
            file.Flush(flushToDisk: true);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AccessLogEntry>> AboutPatientAsync(string patientId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AccessLogEntry>>(All().Where(e => e.PatientId == patientId).OrderBy(e => e.At).ToList());

    public Task<IReadOnlyList<AccessLogEntry>> BetweenAsync(Instant from, Instant to, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AccessLogEntry>>(All().Where(e => e.At >= from && e.At < to).OrderBy(e => e.At).ToList());

    /// <summary>Removes the entries written before <paramref name="cutoff"/>'s UTC day, a day's file at a time; returns how many.</summary>
    public int RemoveDaysBefore(Instant cutoff)
    {
        var firstKept = cutoff.InUtc().Date;
        lock (_gate)
        {
            if (_directory is null)
            {
                return _memory.RemoveAll(e => e.At.InUtc().Date < firstKept);
            }

            if (!Directory.Exists(_directory))
            {
                return 0;
            }

            using var exclusive = Lock();
            var removed = 0;
            foreach (var file in Directory.EnumerateFiles(_directory, "*.jsonl").ToList())
            {
                if (LocalDatePattern.Iso.Parse(Path.GetFileNameWithoutExtension(file)) is { Success: true } day && day.Value < firstKept)
                {
                    removed += AccessLogSerializer.FromLines(File.ReadAllText(file)).Count();
                    File.Delete(file);
                }
            }

            return removed;
        }
    }

    private List<AccessLogEntry> All()
    {
        lock (_gate)
        {
            if (_directory is null)
            {
                return [.. _memory];
            }

            if (!Directory.Exists(_directory))
            {
                return [];
            }

            using var exclusive = Lock();
            return Directory.EnumerateFiles(_directory, "*.jsonl").Order(StringComparer.Ordinal)
                .SelectMany(f => AccessLogSerializer.FromLines(File.ReadAllText(f))).ToList();
        }
    }

    private Files.FileLock Lock() => Files.FileLock.Acquire(Path.Combine(_directory!, ".lock"));

    private string PathFor(Instant at) => Path.Combine(_directory!, at.InUtc().Date.ToString("uuuu-MM-dd", null) + ".jsonl");
}
