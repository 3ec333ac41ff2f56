using Azure;
using Azure.Security.KeyVault.Secrets;
using Booking.Application.Privacy;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Booking.Infrastructure.KeyVault;

/// <summary>
/// KEKs as Key Vault secrets, one per epoch (<c>booking-kek-2026-12</c>): Key Vault cannot delete one version of a
/// secret, so an epoch is retired by disabling, deleting and (where purge protection allows) purging its whole secret.
/// Every enabled version of every epoch secret is loaded and cached for the refresh period; new data keys are wrapped
/// with the latest epoch's first version (two instances creating an epoch at once each add a version: both open what
/// they wrapped, and all converge on the first). Whether an epoch is still used is kept as tags on its versions
/// (<c>unused-since</c>), so retirement survives restarts. A missing, unreadable or empty key ring fails loudly: it
/// throws, and logs <c>KeyRingLoadFailed</c> (operators are alerted on it).
/// </summary>
public sealed partial class KeyVaultKeyRing(SecretClient client, IOptions<KeyVaultOptions> options, TimeProvider time, ILogger<KeyVaultKeyRing> logger)
    : IKeyRing, IKekEpochs, IDisposable
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private readonly KeyVaultKekSecrets _secrets = new(client, options.Value.KekSecretNamePrefix);
    private Snapshot? _snapshot;

    public async Task<KeyEncryptionKey> NewestAsync(CancellationToken cancellationToken)
    {
        if ((await CurrentAsync(cancellationToken)).Newest is { } newest)
        {
            return newest;
        }

        LogLoadFailed(options.Value.KekSecretNamePrefix + "*", nameof(InvalidOperationException));
        throw new InvalidOperationException(
            $"Key Vault holds no enabled KEK (no secret {options.Value.KekSecretNamePrefix}yyyy-MM with an enabled version): refusing to seal or open data.");
    }

    public async Task<KeyEncryptionKey?> FindAsync(string version, CancellationToken cancellationToken)
    {
        var snapshot = await CurrentAsync(cancellationToken);
        if (snapshot.Keks.TryGetValue(version, out var kek))
        {
            return kek;
        }

        // A version created after the last refresh (another instance started an epoch first): look again now.
        snapshot = await CurrentAsync(cancellationToken, force: true);
        return snapshot.Keks.GetValueOrDefault(version);
    }

    public async Task<byte[]> BlindIndexKeyAsync(CancellationToken cancellationToken) =>
        (await CurrentAsync(cancellationToken)).BlindIndexKey;

    public async Task<bool> EnsureEpochAsync(KekEpoch current, CancellationToken cancellationToken)
    {
        var snapshot = await CurrentAsync(cancellationToken, force: true);
        if (snapshot.Versions.Any(v => v.Kek is not null && v.Epoch >= current))
        {
            return false;
        }

        await LoggingFailureAsync(_secrets.Name(current), () => _secrets.CreateAsync(current, cancellationToken));
        await CurrentAsync(cancellationToken, force: true);
        return true;
    }

    public async Task<IReadOnlyList<KekEpochState>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await CurrentAsync(cancellationToken, force: true)).Versions
            .GroupBy(v => v.Epoch)
            .OrderBy(g => g.Key)
            .Select(g => new KekEpochState(g.Key, [.. g.Select(v => v.Version)], g.All(v => v.UnusedSince is not null) ? g.Max(v => v.UnusedSince) : null))];

    public async Task MarkUnusedSinceAsync(KekEpoch epoch, NodaTime.Instant? since, CancellationToken cancellationToken)
    {
        await _secrets.TagUnusedSinceAsync(epoch, since, cancellationToken);
        _snapshot = null;
    }

    public async Task<KekRetirement> RetireAsync(KekEpoch epoch, CancellationToken cancellationToken)
    {
        _snapshot = null;
        return await _secrets.DestroyAsync(epoch, cancellationToken);
    }

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

            var loaded = await LoadAsync(ct);
            _snapshot = loaded.Newest is null ? null : loaded; // an empty ring is looked at again on every call
            return loaded;
        }
        finally
        {
            _refresh.Release();
        }
    }

    private async Task<Snapshot> LoadAsync(CancellationToken ct)
    {
        var o = options.Value;
        var versions = await LoggingFailureAsync(o.KekSecretNamePrefix + "*", () => _secrets.LoadAsync(ct));
        var blind = await LoggingFailureAsync(o.BlindIndexSecretName, () => LoadBlindIndexKeyAsync(o.BlindIndexSecretName, ct));
        var newest = versions.Where(v => v.Kek is not null)
            .OrderByDescending(v => v.Epoch).ThenBy(v => v.Created).ThenBy(v => v.Version, StringComparer.Ordinal)
            .FirstOrDefault()?.Kek;
        var keks = versions.Where(v => v.Kek is not null).ToDictionary(v => v.Version, v => v.Kek!, StringComparer.Ordinal);
        return new Snapshot(versions, keks, newest, blind, time.GetUtcNow());
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

    private async Task<byte[]> LoadBlindIndexKeyAsync(string secretName, CancellationToken ct)
    {
        try
        {
            return KeyVaultKekSecrets.Decode((await client.GetSecretAsync(secretName, cancellationToken: ct)).Value.Value, secretName);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new InvalidOperationException($"Key Vault secret {secretName} is missing.", e);
        }
    }

    public void Dispose() => _refresh.Dispose();

    [LoggerMessage(EventId = 4002, EventName = "KeyRingLoadFailed", Level = LogLevel.Critical,
        Message = "Key ring failed to load from Key Vault secret {SecretName}: {ExceptionType}")]
    private partial void LogLoadFailed(string secretName, string exceptionType);

    private sealed record Snapshot(
        IReadOnlyList<KekSecretVersion> Versions, IReadOnlyDictionary<string, KeyEncryptionKey> Keks, KeyEncryptionKey? Newest, byte[] BlindIndexKey, DateTimeOffset LoadedAt);
}
