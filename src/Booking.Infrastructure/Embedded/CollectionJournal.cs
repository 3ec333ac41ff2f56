using System.Text;
using System.Text.Json;
using Booking.Application.Common;

namespace Booking.Infrastructure.Embedded;

/// <summary>
/// A collection on disk: a snapshot file plus a journal of the changes since, one JSON line each.
/// Compaction writes a new snapshot beside the old, swaps it in by rename (atomic), then empties the journal;
/// a crash at any point leaves either the old or the new snapshot and a journal whose replay is harmless.
/// </summary>
internal sealed class CollectionJournal : IDisposable
{
    private const int CompactAfterLines = 50_000;
    private readonly string _snapshotPath;
    private readonly string _journalPath;
    private readonly bool _flushToDisk;
    private FileStream? _journal;
    private int _linesInJournal;

    public CollectionJournal(string directory, string name, bool flushToDisk)
    {
        _snapshotPath = Path.Combine(directory, name + ".snapshot.jsonl");
        _journalPath = Path.Combine(directory, name + ".journal.jsonl");
        _flushToDisk = flushToDisk;
    }

    public IEnumerable<JournalLine> Load()
    {
        foreach (var line in ReadSnapshot())
        {
            yield return line;
        }

        var goodLength = 0L;
        foreach (var (line, endOffset) in ReadJournal())
        {
            goodLength = endOffset;
            _linesInJournal++;
            yield return line;
        }

        _journal = new FileStream(_journalPath, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read);
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
        _linesInJournal > CompactAfterLines && _linesInJournal > 2 * liveDocuments;

    public void Compact(IEnumerable<EmbeddedEntry> live)
    {
        var temporary = _snapshotPath + ".tmp";
        using (var snapshot = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            foreach (var entry in live)
            {
                WriteLine(snapshot, entry, entry.Partition, entry.Id);
            }

            snapshot.Flush(flushToDisk: true);
        }

        File.Move(temporary, _snapshotPath, overwrite: true);
        _journal!.SetLength(0);
        _journal.Flush(flushToDisk: true);
        _linesInJournal = 0;
    }

    private IEnumerable<(JournalLine Line, long EndOffset)> ReadJournal()
    {
        if (!File.Exists(_journalPath))
        {
            yield break;
        }

        var bytes = File.ReadAllBytes(_journalPath);
        var start = 0;
        while (start < bytes.Length)
        {
            var newline = Array.IndexOf(bytes, (byte)'\n', start);
            if (newline < 0)
            {
                yield break; // a torn final line: the write it belonged to never completed
            }

            var line = Parse(bytes.AsSpan(start, newline - start), _journalPath);
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

    public void Dispose() => _journal?.Dispose();
}
