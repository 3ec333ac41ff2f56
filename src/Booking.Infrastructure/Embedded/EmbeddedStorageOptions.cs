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
}
