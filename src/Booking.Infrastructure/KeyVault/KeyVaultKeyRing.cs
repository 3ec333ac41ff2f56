using Azure;
using Azure.Security.KeyVault.Secrets;
using Booking.Application.Privacy;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Booking.Infrastructure.KeyVault;

/// <summary>
/// KEKs as versions of one Key Vault secret. Every enabled version is loaded and cached for the refresh
/// period; the newest (by creation time) wraps new data keys. Rotation = adding a secret version: picked up
/// at the next refresh, no restart, older versions still open what they wrapped until re-wrapped.
/// A missing or unreadable secret fails loudly: it throws, and logs <c>KeyRingLoadFailed</c> (operators are alerted on it).
/// </summary>
public sealed partial class KeyVaultKeyRing(SecretClient client, IOptions<KeyVaultOptions> options, TimeProvider time, ILogger<KeyVaultKeyRing> logger)
    : IKeyRing, IDisposable
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private Snapshot? _snapshot;

    public async Task<KeyEncryptionKey> NewestAsync(CancellationToken cancellationToken) =>
        (await CurrentAsync(cancellationToken)).Newest;

    public async Task<KeyEncryptionKey?> FindAsync(string version, CancellationToken cancellationToken)
    {
        var snapshot = await CurrentAsync(cancellationToken);
        if (snapshot.Keks.TryGetValue(version, out var kek))
        {
            return kek;
        }

        // A version created after the last refresh (another instance rotated first): look again now.
        snapshot = await CurrentAsync(cancellationToken, force: true);
        return snapshot.Keks.GetValueOrDefault(version);
    }

    public async Task<byte[]> BlindIndexKeyAsync(CancellationToken cancellationToken) =>
        (await CurrentAsync(cancellationToken)).BlindIndexKey;

    private async Task<Snapshot> CurrentAsync(CancellationToken ct, bool force = false)
    {
        var now = time.GetUtcNow();
        if (!force && _snapshot is { } fresh && fresh.LoadedAt + options.Value.RefreshPeriod > now)
        {
            return fresh;
        }

        await _refresh.WaitAsync(ct);
        try
        {
            if (!force && _snapshot is { } other && other.LoadedAt + options.Value.RefreshPeriod > now)
            {
                return other;
            }

            _snapshot = await LoadAsync(ct);
            return _snapshot;
        }
        finally
        {
            _refresh.Release();
        }
    }

    private async Task<Snapshot> LoadAsync(CancellationToken ct)
    {
        var o = options.Value;
        var keks = await LoggingFailureAsync(o.KekSecretName, () => LoadKeksAsync(o.KekSecretName, ct));
        var blind = await LoggingFailureAsync(o.BlindIndexSecretName, () => LoadBlindIndexKeyAsync(o.BlindIndexSecretName, ct));
        var newest = keks.Values.OrderBy(k => k.Created).Last().Kek;
        return new Snapshot(keks.ToDictionary(k => k.Key, k => k.Value.Kek), newest, blind, time.GetUtcNow());
    }

    private async Task<T> LoggingFailureAsync<T>(string secretName, Func<Task<T>> load)
    {
        try
        {
            return await load();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogLoadFailed(secretName, e.GetType().FullName ?? e.GetType().Name);
            throw;
        }
    }

    private async Task<Dictionary<string, (KeyEncryptionKey Kek, DateTimeOffset Created)>> LoadKeksAsync(string secretName, CancellationToken ct)
    {
        var keks = new Dictionary<string, (KeyEncryptionKey Kek, DateTimeOffset Created)>(StringComparer.Ordinal);
        await foreach (var properties in client.GetPropertiesOfSecretVersionsAsync(secretName, ct))
        {
            if (properties.Enabled != true)
            {
                continue;
            }

            var secret = await client.GetSecretAsync(secretName, properties.Version, ct);
            keks[properties.Version] = (new KeyEncryptionKey(properties.Version, Decode(secret.Value.Value, secretName)), properties.CreatedOn ?? DateTimeOffset.MinValue);
        }

        return keks.Count > 0
            ? keks
            : throw new InvalidOperationException($"Key Vault secret {secretName} has no enabled version: refusing to seal or open data.");
    }

    private async Task<byte[]> LoadBlindIndexKeyAsync(string secretName, CancellationToken ct)
    {
        try
        {
            return Decode((await client.GetSecretAsync(secretName, cancellationToken: ct)).Value.Value, secretName);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new InvalidOperationException($"Key Vault secret {secretName} is missing.", e);
        }
    }

    public void Dispose() => _refresh.Dispose();

    private static byte[] Decode(string value, string name)
    {
        try
        {
            var key = Convert.FromBase64String(value);
            return key.Length == 32 ? key : throw new FormatException("not 32 bytes");
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"Key Vault secret {name} is not 32 random bytes in base64.", e);
        }
    }

    [LoggerMessage(EventId = 4002, EventName = "KeyRingLoadFailed", Level = LogLevel.Critical,
        Message = "Key ring failed to load from Key Vault secret {SecretName}: {ExceptionType}")]
    private partial void LogLoadFailed(string secretName, string exceptionType);

    private sealed record Snapshot(IReadOnlyDictionary<string, KeyEncryptionKey> Keks, KeyEncryptionKey Newest, byte[] BlindIndexKey, DateTimeOffset LoadedAt);
}
