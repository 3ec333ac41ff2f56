namespace Booking.DevHost;

/// <summary>
/// What <c>GET /dev/memory</c> answers: where the local host's memory is, so a working set can be explained rather than
/// guessed — the GC's heap (live, and committed from the system), SQLite's own allocations (page caches, statements) and
/// the process's resident set, which also holds the runtime, mapped code and native buffers.
/// </summary>
public sealed record MemoryView(double WorkingSetMb, double GcHeapMb, double GcCommittedMb, double SqliteMb)
{
    private const double Mb = 1024 * 1024;

    public static MemoryView Now()
    {
        var gc = GC.GetGCMemoryInfo();
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return new MemoryView(
            Math.Round(process.WorkingSet64 / Mb, 1),
            Math.Round(gc.HeapSizeBytes / Mb, 1),
            Math.Round(gc.TotalCommittedBytes / Mb, 1),
            Math.Round(SQLitePCL.raw.sqlite3_memory_used() / Mb, 1));
    }
}
