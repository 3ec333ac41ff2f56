using NodaTime;

namespace Booking.Infrastructure.AccessLog;

/// <summary>Where the local access log keeps its day files and the lock file that every host sharing them takes.</summary>
internal static class AccessLogFiles
{
    public const string DayFilePattern = "*.jsonl";

    public static Files.FileLock Lock(string directory) => Files.FileLock.Acquire(Path.Combine(directory, ".lock"));

    public static string DayFile(string directory, Instant at) =>
        Path.Combine(directory, at.InUtc().Date.ToString("uuuu-MM-dd", null) + ".jsonl");
}
