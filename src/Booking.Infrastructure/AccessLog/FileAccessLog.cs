using Booking.Application.Privacy;
using NodaTime;
using NodaTime.Text;

namespace Booking.Infrastructure.AccessLog;

/// <summary>
/// The local access log: one append-only file per UTC day under the data directory's <c>access-log/</c>
/// (in memory only when there is no data directory). Entries are flushed before the data they record is returned:
/// concurrent appends are written and flushed together by one writer thread (<see cref="AccessLogGroupWriter"/>),
/// each completing once its entry is on disk. Hosts sharing the data directory append, read and remove under one lock
/// file (<c>access-log/.lock</c>), so no append lands over another's and no reader sees half a line.
/// </summary>
public sealed class FileAccessLog : IAccessLog, IDisposable
{
    private readonly object _gate = new();
    private readonly List<AccessLogEntry> _memory = [];
    private readonly string? _directory;
    private readonly AccessLogGroupWriter? _writer;

    public FileAccessLog(string? dataDirectory)
    {
        if (dataDirectory is not null)
        {
            _directory = Path.Combine(dataDirectory, "access-log");
            _writer = new AccessLogGroupWriter(_directory, _gate);
        }
    }

    /// <summary>How many groups of appends have been written to disk; 0 in memory.</summary>
    internal long GroupsWritten => _writer?.GroupsWritten ?? 0;

    public Task AppendAsync(AccessLogEntry entry, CancellationToken cancellationToken)
    {
        if (_writer is not null)
        {
            return _writer.AppendAsync(entry);
        }

        lock (_gate)
        {
            _memory.Add(entry);
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

            using var exclusive = AccessLogFiles.Lock(_directory);
            var removed = 0;
            foreach (var file in Directory.EnumerateFiles(_directory, AccessLogFiles.DayFilePattern).ToList())
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

    /// <summary>Writes the appends already queued, then stops the writer; appends after this fail with <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose() => _writer?.Dispose();

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

            using var exclusive = AccessLogFiles.Lock(_directory);
            return Directory.EnumerateFiles(_directory, AccessLogFiles.DayFilePattern).Order(StringComparer.Ordinal)
                .SelectMany(f => AccessLogSerializer.FromLines(File.ReadAllText(f))).ToList();
        }
    }
}
