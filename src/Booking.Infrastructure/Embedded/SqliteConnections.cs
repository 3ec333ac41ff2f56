using System.Collections.Concurrent;
using System.Threading.Channels;
using Booking.Application.Storage;
using Microsoft.Data.Sqlite;

namespace Booking.Infrastructure.Embedded;

/// <summary>
/// The connections of one process to the database file. Writes go to one writer thread, which commits what is queued
/// together (group commit: one transaction, each write in a savepoint of its own, so one write's failure undoes only
/// that write) and answers each caller once the commit is done; a caller is never told a write succeeded before it is
/// committed. Readers come from a pool, which WAL lets read beside the writer and beside other processes. Another
/// process's writes wait on the file lock for up to the busy timeout. The writer checkpoints the log into the database
/// after a commit once it passes 1,000 pages (SQLite's default): a checkpoint that ran beside the writer never caught
/// up with it, and the log grew without end (3 GB in a load run). Without a file (tests), one in-memory connection on
/// the writer thread serves reads and writes.
/// </summary>
internal sealed class SqliteConnections : IDisposable
{
    /// <summary>How long a statement waits for another process's write lock before the store reports itself unavailable.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(10);

    /// <summary>At most this many writes share one commit.</summary>
    public const int MaxGroup = 64;

    /// <summary>
    /// At most this many reads at once: SQLite's WAL index has five read marks, and readers beginning at different
    /// points of a busy log each need one; past that they spin until the busy timeout. Reads are short, so a caller
    /// waits here for a connection rather than there.
    /// </summary>
    public const int MaxReaders = 4;

    private readonly string _connectionString;
    private readonly bool _flushToDisk;
    private readonly SqliteSession _writer;
    private readonly Channel<Work> _queue = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });

    // The writer thread sleeps on this between groups. Waiting on the channel's task instead spun before blocking, each
    // time the queue ran dry: a tenth of the process's CPU under a booking load on two cores.
    private readonly ManualResetEventSlim _queued = new(false, spinCount: 1);
    private readonly Thread _writerThread;
    private readonly ConcurrentBag<SqliteSession> _readers = [];
    private readonly SemaphoreSlim _readerSlots = new(MaxReaders, MaxReaders);
    private int _disposed;

    public SqliteConnections(string? path, bool flushToDisk)
    {
        Path = path;
        _flushToDisk = flushToDisk;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path ?? ":memory:",
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = false, // each connection is kept here, with its pragmas and prepared statements
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
        }.ToString();
        _writer = Open(writer: true);

        _writerThread = new Thread(WriteLoop) { IsBackground = true, Name = "embedded store writer" };
        _writerThread.Start();
    }

    /// <summary>The database file; null in memory.</summary>
    public string? Path { get; }

    /// <summary>Runs <paramref name="work"/> on the writer and returns once it is committed. <paramref name="alone"/>: outside any transaction (a checkpoint).</summary>
    public Task<T> WriteAsync<T>(Func<SqliteSession, T> work, bool alone = false)
    {
        var item = new Work<T>(work, alone);
        ObjectDisposedException.ThrowIf(_disposed != 0 || !_queue.Writer.TryWrite(item), this);
        _queued.Set();
        return item.Task;
    }

    public T Write<T>(Func<SqliteSession, T> work, bool alone = false) => WriteAsync(work, alone).GetAwaiter().GetResult();

    public T Read<T>(Func<SqliteSession, T> work)
    {
        if (Path is null)
        {
            return Write(work);
        }

        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        _readerSlots.Wait();
        var reader = _readers.TryTake(out var pooled) ? pooled : Open(writer: false);
        try
        {
            return Translated(work, reader);
        }
        finally
        {
            _readerSlots.Release();
            if (_disposed == 0)
            {
                _readers.Add(reader);
            }
            else
            {
                reader.Dispose();
            }
        }
    }

    private void WriteLoop()
    {
        var group = new List<Work>(MaxGroup);
        Work? next = null;
        while (true)
        {
            group.Clear();
            if (next is null)
            {
                // Reset before looking: a write queued after the look sets it again, so the wait below cannot miss it.
                _queued.Reset();
                if (!_queue.Reader.TryRead(out next))
                {
                    if (_queue.Reader.Completion.IsCompleted)
                    {
                        return;
                    }

                    _queued.Wait();
                    continue;
                }
            }

            group.Add(next);
            next = null;

            while (!group[0].Alone && group.Count < MaxGroup && _queue.Reader.TryRead(out var more))
            {
                if (more.Alone)
                {
                    next = more; // runs on its own, after this group
                    break;
                }

                group.Add(more);
            }

            if (group.Count == 1)
            {
                group[0].Run(_writer);
            }
            else
            {
                RunTogether(group);
            }

            foreach (var done in group)
            {
                done.Complete();
            }
        }
    }

    private void RunTogether(List<Work> group)
    {
        try
        {
            _writer.InTransaction(() =>
            {
                for (var i = 0; i < group.Count; i++)
                {
                    _writer.InSavepoint(group[i]);
                }

                return 0;
            });
        }
        catch (Exception e)
        {
            // The commit failed (the file lock not had in time, a full disk): none of them happened.
            var failure = Translate(e);
            foreach (var work in group)
            {
                work.Fail(failure);
            }
        }
    }

    private static T Translated<T>(Func<SqliteSession, T> work, SqliteSession session)
    {
        try
        {
            return work(session);
        }
        catch (SqliteException e)
        {
            throw Translate(e);
        }
    }

    internal static Exception Translate(Exception e) =>
        e is SqliteException { SqliteErrorCode: SqliteErrors.Busy or SqliteErrors.Locked or SqliteErrors.IoError or SqliteErrors.Full } sqlite
            ? new StoreUnavailableException($"The embedded store did not answer (SQLite error {sqlite.SqliteExtendedErrorCode}).", sqlite)
            : e;

    private SqliteSession Open(bool writer)
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        var session = new SqliteSession(connection);
        try
        {
            // The busy timeout first: setting WAL waits for a lock when another process opens the same file.
            session.Command($"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds}").ExecuteNonQuery();
            if (writer)
            {
                if (Path is not null)
                {
                    session.Command("PRAGMA journal_mode = WAL").ExecuteNonQuery();
                    session.Command(_flushToDisk ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL").ExecuteNonQuery();
                    // The log is cut back to 16 MB when it restarts after a checkpoint.
                    session.Command("PRAGMA journal_size_limit = 16777216").ExecuteNonQuery();
                }

                // Deleted rows and freed pages are overwritten with zeros, so an erased data key is gone from the file
                // once the write-ahead log is checkpointed (EmbeddedDatabase.PurgeHistory).
                session.Command("PRAGMA secure_delete = ON").ExecuteNonQuery();
            }

            return session;
        }
        catch
        {
            session.Dispose();
            throw;
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
        _writerThread.Join(); // the event is left to the GC: a write racing the disposal may still set it

        while (_readers.TryTake(out var reader))
        {
            reader.Dispose();
        }

        _writer.Dispose();
    }

    private static class SqliteErrors
    {
        public const int IoError = 10;
        public const int Busy = 5;
        public const int Locked = 6;
        public const int Full = 13;
    }

    /// <summary>One write waiting for the writer thread, and its caller.</summary>
    internal abstract class Work(bool alone)
    {
        public bool Alone { get; } = alone;

        /// <summary>Runs the write; an exception is kept for the caller, and rethrown so a savepoint around it is rolled back.</summary>
        public abstract void Run(SqliteSession session, bool rethrow = false);

        public abstract void Fail(Exception failure);

        public abstract void Complete();
    }

    private sealed class Work<T>(Func<SqliteSession, T> work, bool alone) : Work(alone)
    {
        private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private Exception? _failure;

        public Task<T> Task => _done.Task;

        public override void Run(SqliteSession session, bool rethrow = false)
        {
            try
            {
                _result = work(session);
            }
            catch (Exception e)
            {
                _failure = Translate(e);
                if (rethrow)
                {
                    throw;
                }
            }
        }

        public override void Fail(Exception failure) => _failure = failure;

        public override void Complete()
        {
            if (_failure is null)
            {
                _done.TrySetResult(_result!);
            }
            else
            {
                _done.TrySetException(_failure);
            }
        }
    }
}
