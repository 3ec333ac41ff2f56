namespace Booking.Infrastructure.Embedded;

public sealed class EmbeddedStorageOptions
{
    /// <summary>Where the database is kept (<c>store/booking.sqlite</c> under it); null keeps everything in memory only (tests).</summary>
    public string? DataDirectory { get; set; }

    /// <summary>
    /// Also flush each commit from the OS cache to the disk (SQLite <c>synchronous = FULL</c>). Off (<c>NORMAL</c>, in
    /// WAL mode), a commit survives a crash of the process but not of the machine; on, it survives both at the cost of
    /// a disk flush per commit.
    /// </summary>
    public bool FlushToDisk { get; set; }
}
