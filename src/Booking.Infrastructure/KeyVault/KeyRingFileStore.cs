using System.Text.Json;

namespace Booking.Infrastructure.KeyVault;

/// <summary>
/// keyring.json on disk: read and validated, created once (never over an existing one), and changed only under an
/// exclusive lock file by a read-modify-write that replaces the file atomically, so a crash leaves the old or the new
/// ring and two hosts sharing it never lose each other's KEKs.
/// </summary>
internal sealed class KeyRingFileStore(string path)
{
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(10);
    private DateTime _readAt;

    public string Path { get; } = path;

    public bool Exists => File.Exists(Path);

    public KeyRingFile Read()
    {
        try
        {
            var stamp = File.GetLastWriteTimeUtc(Path);
            var file = JsonSerializer.Deserialize<KeyRingFile>(File.ReadAllText(Path));
            if (file?.Keks is null || file.BlindIndexKey is null || !file.IsValid())
            {
                throw new InvalidDataException("it holds no valid keys");
            }

            _readAt = stamp;
            return file;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"The key ring {Path} is unreadable; refusing to start without it.", e);
        }
    }

    /// <summary>The file as it is now when another writer changed it since it was last read here; else null.</summary>
    public KeyRingFile? ReadIfChanged() => File.GetLastWriteTimeUtc(Path) != _readAt ? Read() : null;

    public KeyRingFile CreateOrRead(KeyRingFile fresh)
    {
        try
        {
            Write(Path, fresh, createNew: true);
            _readAt = File.GetLastWriteTimeUtc(Path);
            return fresh;
        }
        catch (IOException) when (File.Exists(Path))
        {
            return Read(); // another host sharing this key ring made it first
        }
    }

    public KeyRingFile Change(Func<KeyRingFile, KeyRingFile> change)
    {
        using var exclusive = Lock();
        var before = Read();
        var after = change(before);
        if (after == before)
        {
            return before;
        }

        var temporary = $"{Path}.{Environment.ProcessId}.tmp";
        Write(temporary, after, createNew: false);
        File.Move(temporary, Path, overwrite: true);
        _readAt = File.GetLastWriteTimeUtc(Path);
        return after;
    }

    private Files.FileLock Lock() => Files.FileLock.Acquire(Path + ".lock", LockTimeout);

    private static void Write(string path, KeyRingFile file, bool createNew)
    {
        var options = new FileStreamOptions { Mode = createNew ? FileMode.CreateNew : FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        JsonSerializer.Serialize(stream, file);
        stream.Flush(flushToDisk: true);
    }
}
