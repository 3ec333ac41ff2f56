namespace Booking.Infrastructure.Embedded;

public sealed class EmbeddedStorageOptions
{
    /// <summary>Where the collections are kept; null keeps everything in memory only (tests).</summary>
    public string? DataDirectory { get; set; }

    /// <summary>
    /// Also flush each write from the OS cache to the disk (fsync). Off, a write survives a crash of the
    /// process but not of the machine; on, it survives both at the cost of a disk flush per write.
    /// </summary>
    public bool FlushToDisk { get; set; }

    /// <summary>
    /// A collection's journal is folded into a new snapshot once it has more lines than this and than twice the
    /// collection's documents (in the background; writers wait only for the journal to be renamed aside).
    /// </summary>
    public int CompactAfterLines { get; set; } = CollectionJournal.DefaultCompactAfterLines;
}
