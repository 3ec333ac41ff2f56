using System.Security.Cryptography;
using System.Text.Json;
using Booking.Application.Privacy;

namespace Booking.Infrastructure.KeyVault;

/// <summary>
/// The local stand-in for Key Vault: a key ring file under the data directory (owner-only permissions),
/// made on first run. It refuses to make a new one over existing data: a lost key ring must be restored,
/// never silently replaced (that would make every sealed field unreadable). <see cref="Rotate"/> adds a KEK version.
/// </summary>
public sealed class LocalKeyRing : IKeyRing
{
    private readonly string? _path;
    private KeyRingFile _file;

    /// <summary>A key ring kept in memory only, for a store that is itself in memory only.</summary>
    public LocalKeyRing()
    {
        _file = new KeyRingFile([NewVersion(1)], Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
    }

    public LocalKeyRing(string dataDirectory, bool dataExists)
    {
        _path = Path.Combine(dataDirectory, "keyring.json");
        if (File.Exists(_path))
        {
            _file = Read(_path);
        }
        else if (dataExists)
        {
            throw new InvalidOperationException(
                $"The key ring {_path} is missing but the data directory holds data sealed under it. Restore the key ring; a new one would make that data unreadable.");
        }
        else
        {
            Directory.CreateDirectory(dataDirectory);
            _file = new KeyRingFile([NewVersion(1)], Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            try
            {
                Write(_path, _file, createNew: true);
            }
            catch (IOException) when (File.Exists(_path))
            {
                _file = Read(_path); // another host sharing this key ring made it first
            }
        }
    }

    public Task<KeyEncryptionKey> NewestAsync(CancellationToken cancellationToken)
    {
        var newest = _file.Keks[^1];
        return Task.FromResult(new KeyEncryptionKey(newest.Version, Convert.FromBase64String(newest.Key)));
    }

    public Task<KeyEncryptionKey?> FindAsync(string version, CancellationToken cancellationToken)
    {
        var found = _file.Keks.FirstOrDefault(k => k.Version == version);
        return Task.FromResult(found is null ? null : new KeyEncryptionKey(found.Version, Convert.FromBase64String(found.Key)));
    }

    public Task<byte[]> BlindIndexKeyAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Convert.FromBase64String(_file.BlindIndexKey));

    /// <summary>Adds a new KEK version (the newest from now on); older versions stay to open what they wrapped.</summary>
    public void Rotate()
    {
        _file = _file with { Keks = [.. _file.Keks, NewVersion(_file.Keks.Count + 1)] };
        if (_path is null)
        {
            return;
        }

        var temporary = _path + ".tmp";
        Write(temporary, _file, createNew: false);
        File.Move(temporary, _path, overwrite: true);
    }

    private static KeyRingFile.Kek NewVersion(int number) =>
        new($"v{number}", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

    private static KeyRingFile Read(string path)
    {
        try
        {
            var file = JsonSerializer.Deserialize<KeyRingFile>(File.ReadAllText(path));
            if (file is null || file.Keks.Count == 0 || file.Keks.Any(k => Convert.FromBase64String(k.Key).Length != 32)
                || Convert.FromBase64String(file.BlindIndexKey).Length != 32)
            {
                throw new InvalidDataException("it holds no valid keys");
            }

            return file;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"The key ring {path} is unreadable; refusing to start without it.", e);
        }
    }

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

    private sealed record KeyRingFile(IReadOnlyList<KeyRingFile.Kek> Keks, string BlindIndexKey)
    {
        public sealed record Kek(string Version, string Key);
    }
}
