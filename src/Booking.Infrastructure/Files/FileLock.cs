namespace Booking.Infrastructure.Files;

/// <summary>
/// An exclusive lock shared by every process on this machine, held while the returned object lives: a lock file opened
/// with <see cref="FileShare.None"/>, which .NET takes as an advisory <c>flock</c> on Unix and a sharing lock on Windows.
/// The operating system releases it when its holder dies, so a crash leaves no stale lock. For the few files of the
/// data directory that several local hosts may share besides the database (key ring, access log, seed marker).
/// </summary>
public sealed class FileLock : IDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);
    private readonly FileStream _file;

    private FileLock(FileStream file) => _file = file;

    /// <summary>Waits until the lock at <paramref name="path"/> is free and takes it; an <see cref="IOException"/> past <paramref name="timeout"/>.</summary>
    public static FileLock Acquire(string path, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            try
            {
                return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(5);
            }
        }
    }

    public void Dispose() => _file.Dispose();
}
