using System.Security.Cryptography;

namespace Booking.DevHost;

/// <summary>
/// The local token signing key: read from the data directory, or made once (owner-only permissions) so
/// tokens survive a restart, and hosts sharing the directory accept each other's tokens. Never used in Azure, where Entra ID signs tokens.
/// </summary>
public static class DevSigningKey
{
    public static string LoadOrCreate(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, "dev-signing-key");
        using var exclusive = Infrastructure.Files.FileLock.Acquire(path + ".lock"); // two hosts starting at once on one directory make one key
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new StreamWriter(path, options))
        {
            file.Write(key);
        }

        return key;
    }
}
