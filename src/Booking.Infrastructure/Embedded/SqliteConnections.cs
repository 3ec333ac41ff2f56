using System.Collections.Concurrent;
using Booking.Application.Storage;
using Microsoft.Data.Sqlite;

namespace Booking.Infrastructure.Embedded;

/// <summary>
/// The connections of one process to the database file: one writer, taken by one caller at a time, so this process's
/// writes queue here rather than spin on SQLite's file lock; and a pool of readers, which WAL lets read beside the
/// writer and beside other processes. Another process's writes wait on the file lock for up to the busy timeout.
/// Without a file (tests), one in-memory connection serves reads and writes, one caller at a time.
/// </summary>
internal sealed class SqliteConnections : IDisposable
{
    /// <summary>How long a statement waits for another process's write lock before the store reports itself unavailable.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(10);

    private readonly string _connectionString;
    private readonly bool _flushToDisk;
    private readonly SqliteSession _writer;
    private readonly object _writeGate = new();
    private readonly ConcurrentBag<SqliteSession> _readers = [];
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
    }

    /// <summary>The database file; null in memory.</summary>
    public string? Path { get; }

    public T Write<T>(Func<SqliteSession, T> work)
    {
        lock (_writeGate)
        {
            ObjectDisposedException.ThrowIf(_disposed != 0, this);
            return Translated(work, _writer);
        }
    }

    public T Read<T>(Func<SqliteSession, T> work)
    {
        if (Path is null)
        {
            return Write(work);
        }

        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var reader = _readers.TryTake(out var pooled) ? pooled : Open(writer: false);
        try
        {
            return Translated(work, reader);
        }
        finally
        {
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

    private static T Translated<T>(Func<SqliteSession, T> work, SqliteSession session)
    {
        try
        {
            return work(session);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is SqliteErrors.Busy or SqliteErrors.Locked or SqliteErrors.IoError or SqliteErrors.Full)
        {
            throw new StoreUnavailableException($"The embedded store did not answer (SQLite error {e.SqliteExtendedErrorCode}).", e);
        }
    }

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
        lock (_writeGate)
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            while (_readers.TryTake(out var reader))
            {
                reader.Dispose();
            }

            _writer.Dispose();
        }
    }

    private static class SqliteErrors
    {
        public const int IoError = 10;
        public const int Busy = 5;
        public const int Locked = 6;
        public const int Full = 13;
    }
}
