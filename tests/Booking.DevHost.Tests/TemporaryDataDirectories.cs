namespace Booking.DevHost.Tests;

/// <summary>
/// Data directories for the hosts this test process starts, all under one folder of this process that is deleted when
/// the process ends (not when a host stops: a test may start another host on the same data).
/// </summary>
public static class TemporaryDataDirectories
{
    private static readonly Lazy<string> Root = new(() =>
    {
        var root = Path.Combine(Path.GetTempPath(), "booking-devhost-tests", $"run-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteQuietly(root);
        return root;
    });

    /// <summary>A new path (not created) under this process's folder.</summary>
    public static string New() => Path.Combine(Root.Value, Guid.NewGuid().ToString("N"));

    private static void DeleteQuietly(string root)
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A host process a test started may still be writing its last file; the folder is in the temp directory.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
