using System.Threading.Channels;
using Booking.Application.Privacy;

namespace Booking.Infrastructure.AccessLog;

/// <summary>
/// Appends access-log entries on one writer thread, which writes what is queued together (group commit): one
/// acquisition of the lock file, one open and one fsync of each UTC day's file per group. A caller's task completes
/// once the fsync covering its entry is done; if the group fails, every task of it faults with that exception, so no
/// entry is reported written that might not be. Disposing writes what is already queued, then stops.
/// </summary>
internal sealed class AccessLogGroupWriter : IDisposable
{
    /// <summary>At most this many entries share one group, so one group holds the lock file only briefly.</summary>
    public const int MaxGroup = 256;

    private readonly string _directory;
    private readonly object _gate;
    private readonly Channel<PendingEntry> _queue = Channel.CreateUnbounded<PendingEntry>(new UnboundedChannelOptions { SingleReader = true });

    // The writer sleeps on this between groups rather than on the channel's task, which spins before blocking (as in
    // the embedded store's writer).
    private readonly ManualResetEventSlim _queued = new(false, spinCount: 1);
    private readonly Thread _thread;
    private long _groupsWritten;
    private int _disposed;

    /// <param name="gate">Held while a group is written, as the log's readers and remover hold it in this process.</param>
    public AccessLogGroupWriter(string directory, object gate)
    {
        _directory = directory;
        _gate = gate;
        _thread = new Thread(WriteLoop) { IsBackground = true, Name = "access log writer" };
        _thread.Start();
    }

    /// <summary>How many groups have been written to disk (each one lock acquisition, one fsync per day's file).</summary>
    internal long GroupsWritten => Interlocked.Read(ref _groupsWritten);

    public Task AppendAsync(AccessLogEntry entry)
    {
        var pending = new PendingEntry(AccessLogFiles.DayFile(_directory, entry.At), AccessLogSerializer.ToLine(entry));
        if (_disposed != 0 || !_queue.Writer.TryWrite(pending))
        {
            return Task.FromException(new ObjectDisposedException(nameof(FileAccessLog)));
        }

        _queued.Set();
        return pending.Written.Task;
    }

    private void WriteLoop()
    {
        var group = new List<PendingEntry>(MaxGroup);
        while (true)
        {
            // Reset before looking: an entry queued after the look sets it again, so the wait below cannot miss it.
            _queued.Reset();
            while (group.Count < MaxGroup && _queue.Reader.TryRead(out var next))
            {
                group.Add(next);
            }

            if (group.Count == 0)
            {
                if (_queue.Reader.Completion.IsCompleted)
                {
                    return;
                }

                _queued.Wait();
                continue;
            }

            var failure = Write(group);
            foreach (var pending in group)
            {
                if (failure is null)
                {
                    pending.Written.TrySetResult();
                }
                else
                {
                    pending.Written.TrySetException(failure);
                }
            }

            group.Clear();
        }
    }

    /// <summary>Writes and fsyncs the group; the exception that stopped it, if one did.</summary>
    private Exception? Write(List<PendingEntry> group)
    {
        try
        {
            lock (_gate)
            {
                Directory.CreateDirectory(_directory);
                using var exclusive = AccessLogFiles.Lock(_directory);
                foreach (var day in group.GroupBy(pending => pending.DayFile, StringComparer.Ordinal))
                {
                    using var file = new FileStream(day.Key, FileMode.Append, FileAccess.Write, FileShare.Read);
                    foreach (var pending in day)
                    {
                        file.Write(pending.Line);
                    }

                    file.Flush(flushToDisk: true);
                }
            }

            Interlocked.Increment(ref _groupsWritten);
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _queue.Writer.TryComplete();
        _queued.Set();
        _thread.Join(); // the event is left to the GC: an append racing the disposal may still set it
    }

    private sealed class PendingEntry(string dayFile, byte[] line)
    {
        public string DayFile { get; } = dayFile;

        public byte[] Line { get; } = line;

        public TaskCompletionSource Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
