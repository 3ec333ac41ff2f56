using System.Security.Cryptography;
using Booking.Domain.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Booking.Infrastructure.Embedded;

/// <summary>
/// The embedded database: one SQLite file, <c>store/booking.sqlite</c> under the data directory, in WAL mode, holding
/// every collection of documents and the embedded bus. Several processes may open the same file: SQLite's file locks
/// make each write atomic across them, and every conditional write is one statement (or one immediate transaction),
/// so two hosts on one data directory never both win a slot. Without a data directory, in memory (tests).
/// </summary>
public sealed class EmbeddedDatabase : IDisposable
{
    public const string FileName = "booking.sqlite";
    private readonly SqliteConnections _connections;
    private readonly string _etagPrefix = Base64Url.Encode(RandomNumberGenerator.GetBytes(9));
    private long _etagCounter;

    public EmbeddedDatabase(IOptions<EmbeddedStorageOptions> options)
    {
        string? path = null;
        if (options.Value.DataDirectory is { } root)
        {
            var directory = Path.Combine(root, "store");
            RefuseAnEarlierJournalStore(directory);
            Directory.CreateDirectory(directory);
            path = Path.Combine(directory, FileName);
        }

        _connections = new SqliteConnections(path, options.Value.FlushToDisk);
        try
        {
            _connections.Write(session => EmbeddedSchema.Create(session, NextETag));
        }
        catch
        {
            _connections.Dispose();
            throw;
        }
    }

    /// <summary>The database file; null in memory.</summary>
    public string? FilePath => _connections.Path;

    /// <summary>An ETag no other write made: this instance's random prefix, then a counter.</summary>
    internal string NextETag() => $"{_etagPrefix}-{Interlocked.Increment(ref _etagCounter)}";

    internal T Write<T>(Func<SqliteSession, T> work) => _connections.Write(work);

    /// <summary>Queues <paramref name="work"/> for the writer; completes once it is committed (with others queued beside it).</summary>
    internal Task<T> WriteAsync<T>(Func<SqliteSession, T> work) => _connections.WriteAsync(work);

    internal T Read<T>(Func<SqliteSession, T> work) => _connections.Read(work);

    /// <summary>
    /// Makes what was deleted physically gone from the files: deleted rows are already zeroed in the pages that held them
    /// (secure_delete), and this copies every page of the write-ahead log into the database and truncates the log, which
    /// still held the earlier page images. It waits for readers (here and in other processes) to move past the log,
    /// up to the busy timeout each try.
    /// </summary>
    internal void PurgeHistory()
    {
        if (FilePath is null)
        {
            return;
        }

        for (var attempt = 1; ; attempt++)
        {
            var (busy, _, _) = _connections.Write(s => s.Pragma("PRAGMA wal_checkpoint(TRUNCATE)") is [var b, var l, var c] ? (b, l, c) : (1L, 0L, 0L), alone: true);
            if (busy == 0)
            {
                return;
            }

            if (attempt == 20)
            {
                throw new Application.Storage.StoreUnavailableException("The embedded store's write-ahead log could not be truncated: readers kept it in use.");
            }

            // A reader that started before the last commit keeps the log until it ends (the background checkpoint
            // is one): let it finish rather than failing the erasure at once.
            Thread.Sleep(TimeSpan.FromMilliseconds(50 * attempt));
        }
    }

    /// <summary>
    /// Whether the database under <paramref name="dataDirectory"/> holds a document of <paramref name="collection"/>,
    /// read without opening the store (the key ring asks before the store exists in this process).
    /// </summary>
    public static bool HoldsDocuments(string dataDirectory, string collection)
    {
        var path = Path.Combine(dataDirectory, "store", FileName);
        if (!File.Exists(path))
        {
            return false;
        }

        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var session = new SqliteSession(connection);
        if (session.Pragma("SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'documents')")[0] == 0)
        {
            return false;
        }

        var command = session.Command("SELECT EXISTS (SELECT 1 FROM documents WHERE collection = $c)");
        command.Parameters.AddWithValue("$c", collection);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    public void Dispose() => _connections.Dispose();

    // The journal store this replaced kept *.jsonl files here; starting empty beside them would look like lost data.
    private static void RefuseAnEarlierJournalStore(string directory)
    {
        if (Directory.Exists(directory) && Directory.EnumerateFiles(directory, "*.jsonl").Any())
        {
            throw new DataDirectoryRefusedException(
                $"The data directory {Path.GetFullPath(Path.GetDirectoryName(directory)!)} holds a journal store of an earlier version ({directory}{Path.DirectorySeparatorChar}*.jsonl), which this version does not read. Give this host another directory (--data-dir), or delete that one to start over.");
        }
    }
}
