using System.Collections.Concurrent;
using System.Security.Cryptography;
using Booking.Domain.Common;
using Microsoft.Extensions.Options;

namespace Booking.Infrastructure.Embedded;

/// <summary>
/// The embedded store's collections, one per document type. With a data directory it takes an exclusive
/// lock on it, so a second process cannot open the same files and silently diverge; the holder writes who it is
/// beside the lock (<c>store/.lock.holder</c>), so the one refused can say which process has the directory.
/// </summary>
public sealed class EmbeddedDatabase : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<EmbeddedCollection>> _collections = new(StringComparer.Ordinal);
    private readonly string? _directory;
    private readonly bool _flushToDisk;
    private readonly int _compactAfterLines;
    private readonly FileStream? _lock;
    private readonly string _etagPrefix = Base64Url.Encode(RandomNumberGenerator.GetBytes(6));
    private long _etagCounter;

    public EmbeddedDatabase(IOptions<EmbeddedStorageOptions> options)
    {
        _flushToDisk = options.Value.FlushToDisk;
        _compactAfterLines = options.Value.CompactAfterLines;
        if (options.Value.DataDirectory is { } root)
        {
            _directory = Path.Combine(root, "store");
            Directory.CreateDirectory(_directory);
            var holderPath = Path.Combine(_directory, ".lock.holder");
            try
            {
                _lock = new FileStream(Path.Combine(_directory, ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException e)
            {
                var holder = File.Exists(holderPath) ? File.ReadAllText(holderPath).Trim() : "another process";
                throw new DataDirectoryInUseException(
                    $"The data directory {Path.GetFullPath(root)} is in use by {holder}. Stop that process, or give this one another directory (--data-dir).", e);
            }

            File.WriteAllText(holderPath, $"process {Environment.ProcessId} ({Environment.ProcessPath ?? "unknown program"}, since {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss} UTC)");

            try
            {
                foreach (var journal in Directory.EnumerateFiles(_directory, "*.journal.jsonl"))
                {
                    Collection(Path.GetFileName(journal)[..^".journal.jsonl".Length]);
                }
            }
            catch
            {
                Dispose(); // a failed start must not keep the directory locked
                throw;
            }
        }
    }

    internal IEnumerable<EmbeddedCollection> Collections => _collections.Values.Where(c => c.IsValueCreated).Select(c => c.Value);

    // Lazy: two racing callers must not both open the same journal.
    internal EmbeddedCollection Collection(string name) =>
        _collections.GetOrAdd(name, n => new Lazy<EmbeddedCollection>(() => new EmbeddedCollection(n, _directory, _flushToDisk, _compactAfterLines))).Value;

    internal string NextETag() => $"{_etagPrefix}-{Interlocked.Increment(ref _etagCounter)}";

    public void Dispose()
    {
        foreach (var collection in _collections.Values.Where(c => c.IsValueCreated))
        {
            collection.Value.Dispose();
        }

        _lock?.Dispose();
    }
}
