using System.Text;
using System.Text.Json;
using Booking.Application.Common;

namespace Booking.Infrastructure.Embedded;

/// <summary>
/// A collection on disk: a snapshot file plus a journal of the changes since, one JSON line each.
/// Compaction runs beside the writers: under the collection's lock the journal is only renamed aside (retired) and
/// a new one started, and the live entries listed; the snapshot of those entries is then written in the background,
/// swapped in by rename (atomic), and the retired journal deleted. A crash at any point leaves a snapshot and
/// journals whose replay in order (snapshot, retired, current) gives the state the writers last saw succeed.
/// </summary>
internal sealed class CollectionJournal : IDisposable
{
    public const int DefaultCompactAfterLines = 50_000;
    private readonly string _snapshotPath;
    private readonly string _journalPath;
    private readonly string _retiredPath;
    private readonly bool _flushToDisk;
    private readonly int _compactAfterLines;
    private FileStream? _journal;
    private int _linesInJournal;
    private Task _compaction = Task.CompletedTask;

    public CollectionJournal(string directory, string name, bool flushToDisk, int compactAfterLines = DefaultCompactAfterLines)
    {
        _snapshotPath = Path.Combine(directory, name + ".snapshot.jsonl");
        _journalPath = Path.Combine(directory, name + ".journal.jsonl");
        _retiredPath = Path.Combine(directory, name + ".journal.retired.jsonl");
        _flushToDisk = flushToDisk;
        _compactAfterLines = compactAfterLines;
    }

    /// <summary>True while a retired journal is still waiting for its snapshot (after <see cref="Load"/>: a compaction a stop interrupted).</summary>
    public bool HasRetiredJournal => File.Exists(_retiredPath);

    public IEnumerable<JournalLine> Load()
    {
        File.Delete(_snapshotPath + ".tmp"); // a snapshot a stop interrupted: the retired journal still holds its changes
        foreach (var line in ReadSnapshot())
        {
            yield return line;
        }

        foreach (var (line, _) in ReadJournal(_retiredPath))
        {
            yield return line;
        }

        var goodLength = 0L;
        foreach (var (line, endOffset) in ReadJournal(_journalPath))
        {
            goodLength = endOffset;
            _linesInJournal++;
            yield return line;
        }

        _journal = OpenJournal();
        _journal.SetLength(goodLength);
        _journal.Seek(0, SeekOrigin.End);
    }

    public void Append(EmbeddedEntry? written, string partition, string id)
    {
        var journal = _journal!;
        WriteLine(journal, written, partition, id);
        journal.Flush(_flushToDisk);
        _linesInJournal++;
    }

    public bool ShouldCompact(int liveDocuments) =>
        _compaction.IsCompleted && _linesInJournal > _compactAfterLines && _linesInJournal > 2 * liveDocuments;

    /// <summary>
    /// Retires the journal and starts writing the snapshot of <paramref name="live"/> in the background. The caller
    /// holds the collection's lock, so <paramref name="live"/> is exactly the state the retired journal ends with.
    /// </summary>
    public void StartCompaction(IReadOnlyCollection<EmbeddedEntry> live)
    {
        if (!_compaction.IsCompleted || File.Exists(_retiredPath))
        {
            return; // one at a time: a retired journal must reach a snapshot before another is retired
        }

        _journal!.Flush(flushToDisk: true);
        _journal.Dispose();
        File.Move(_journalPath, _retiredPath);
        _journal = OpenJournal();
        _linesInJournal = 0;
        _compaction = Task.Run(() => WriteSnapshot(live));
    }

    /// <summary>Writes the snapshot of <paramref name="live"/> now (at start, to finish a compaction a stop interrupted).</summary>
    public void CompactNow(IReadOnlyCollection<EmbeddedEntry> live) => WriteSnapshot(live);

    /// <summary>
    /// Rewrites the collection's files to hold <paramref name="live"/> only, so no deleted document or earlier version
    /// survives in them. The caller holds the collection's lock. The snapshot is swapped in before the journal is
    /// emptied: a crash in between leaves a journal whose replay over the snapshot gives the snapshot again.
    /// </summary>
    public void Rewrite(IReadOnlyCollection<EmbeddedEntry> live)
    {
        try
        {
            _compaction.Wait(); // a background snapshot must not land over this one
        }
        catch (AggregateException)
        {
            // It failed (a full disk): the snapshot below supersedes it and the retired journal with it.
        }

        WriteSnapshot(live);
        _journal!.SetLength(0);
        _journal.Flush(flushToDisk: true);
        _linesInJournal = 0;
    }

    private void WriteSnapshot(IReadOnlyCollection<EmbeddedEntry> live)
    {
        var temporary = _snapshotPath + ".tmp";
        using (var snapshot = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
        {
            foreach (var entry in live)
            {
                WriteLine(snapshot, entry, entry.Partition, entry.Id);
            }

            snapshot.Flush(flushToDisk: true);
        }

        File.Move(temporary, _snapshotPath, overwrite: true);
        File.Delete(_retiredPath);
    }

    private FileStream OpenJournal() => new(_journalPath, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read);

    private static IEnumerable<(JournalLine Line, long EndOffset)> ReadJournal(string path)
    {
        if (!File.Exists(path))
        {
            yield break;
        }

        var bytes = File.ReadAllBytes(path);
        var start = 0;
        while (start < bytes.Length)
        {
            var newline = Array.IndexOf(bytes, (byte)'\n', start);
            if (newline < 0)
            {
                yield break; // a torn final line: the write it belonged to never completed
            }

            var line = Parse(bytes.AsSpan(start, newline - start), path);
            start = newline + 1;
            yield return (line, start);
        }
    }

    private IEnumerable<JournalLine> ReadSnapshot()
    {
        if (!File.Exists(_snapshotPath))
        {
            yield break;
        }

        foreach (var text in File.ReadLines(_snapshotPath, Encoding.UTF8))
        {
            if (text.Length > 0)
            {
                yield return Parse(Encoding.UTF8.GetBytes(text), _snapshotPath);
            }
        }
    }

    /// <summary>Writes one line; the document's JSON is copied as stored, not re-serialised.</summary>
    private static void WriteLine(Stream stream, EmbeddedEntry? written, string partition, string id)
    {
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("p", partition);
            writer.WriteString("i", id);
            if (written is not null)
            {
                writer.WriteString("e", written.ETag);
                if (written.ExpiresAt is { } at)
                {
                    writer.WritePropertyName("x");
                    JsonSerializer.Serialize(writer, at, JsonDefaults.Options);
                }

                writer.WritePropertyName("d");
                writer.WriteRawValue(written.Json, skipInputValidation: true);
            }

            writer.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
    }

    private static JournalLine Parse(ReadOnlySpan<byte> bytes, string path)
    {
        try
        {
            return JsonSerializer.Deserialize<JournalLine>(bytes, JsonDefaults.Options)
                ?? throw new InvalidDataException($"Empty line in {path}.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The embedded store file {path} is corrupt in the middle; refusing to start over it.", e);
        }
    }

    public void Dispose()
    {
        try
        {
            _compaction.Wait();
        }
        catch (AggregateException)
        {
            // The snapshot could not be written (a full disk): the retired journal still holds every change, and
            // the next start replays it and compacts again.
        }

        _journal?.Dispose();
    }
}
