using System.Security.Cryptography;
using Azure;
using Azure.Security.KeyVault.Secrets;
using Booking.Application.Privacy;
using NodaTime;
using NodaTime.Text;

namespace Booking.Infrastructure.KeyVault;

/// <summary>
/// The epoch secrets' Key Vault calls: list them (<c>GET /secrets</c>, then each one's versions), create one
/// (<c>PUT</c>, 32 random bytes), tag its versions (<c>PATCH</c>), and destroy it: disable every version, delete the
/// secret, then purge it — refused (403) while the vault's purge protection holds it, in which case Key Vault purges it
/// at the end of soft-delete retention and, meanwhile, the app can neither read nor recreate it.
/// </summary>
internal sealed class KeyVaultKekSecrets(SecretClient client, string prefix)
{
    private const string EpochTag = "kek-epoch";
    private const string UnusedSinceTag = "unused-since";

    public string Name(KekEpoch epoch) => prefix + epoch.Name;

    public async Task<IReadOnlyList<KekSecretVersion>> LoadAsync(CancellationToken ct)
    {
        var versions = new List<KekSecretVersion>();
        await foreach (var secret in client.GetPropertiesOfSecretsAsync(ct))
        {
            if (!secret.Name.StartsWith(prefix, StringComparison.Ordinal) || !KekEpoch.TryParse(secret.Name[prefix.Length..], out var epoch))
            {
                continue;
            }

            await foreach (var properties in client.GetPropertiesOfSecretVersionsAsync(secret.Name, ct))
            {
                var kek = properties.Enabled == true ? await ReadAsync(secret.Name, properties.Version, ct) : null;
                versions.Add(new KekSecretVersion(properties.Version, epoch, properties.CreatedOn ?? DateTimeOffset.MinValue, kek, UnusedSince(properties)));
            }
        }

        return versions;
    }

    public async Task<bool> CreateAsync(KekEpoch epoch, CancellationToken ct)
    {
        var secret = new KeyVaultSecret(Name(epoch), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        secret.Properties.ContentType = "application/octet-stream;base64";
        secret.Properties.Tags[EpochTag] = epoch.Name;
        await client.SetSecretAsync(secret, ct);
        return true;
    }

    public async Task TagUnusedSinceAsync(KekEpoch epoch, Instant? since, CancellationToken ct)
    {
        await foreach (var properties in client.GetPropertiesOfSecretVersionsAsync(Name(epoch), ct))
        {
            // Key Vault replaces a version's tags as a whole, and the client sends none when there are none: keep one always.
            properties.Tags[EpochTag] = epoch.Name;
            properties.Tags.Remove(UnusedSinceTag);
            if (since is { } instant)
            {
                properties.Tags[UnusedSinceTag] = InstantPattern.ExtendedIso.Format(instant);
            }

            await client.UpdateSecretPropertiesAsync(properties, ct);
        }
    }

    public async Task<KekRetirement> DestroyAsync(KekEpoch epoch, CancellationToken ct)
    {
        var name = Name(epoch);
        try
        {
            await foreach (var properties in client.GetPropertiesOfSecretVersionsAsync(name, ct))
            {
                if (properties.Enabled != false)
                {
                    properties.Enabled = false;
                    await client.UpdateSecretPropertiesAsync(properties, ct);
                }
            }

            var deletion = await client.StartDeleteSecretAsync(name, ct);
            await deletion.WaitForCompletionAsync(ct);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Deleted by an earlier run that stopped before the purge: go on to it.
        }

        try
        {
            await client.PurgeDeletedSecretAsync(name, ct);
            return KekRetirement.Destroyed;
        }
        catch (RequestFailedException e) when (e.Status == 403)
        {
            return KekRetirement.DeletedAwaitingPurge;
        }
    }

    public static byte[] Decode(string value, string name)
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

    private async Task<KeyEncryptionKey?> ReadAsync(string name, string version, CancellationToken ct)
    {
        try
        {
            return new KeyEncryptionKey(version, Decode((await client.GetSecretAsync(name, version, ct)).Value.Value, name));
        }
        catch (RequestFailedException e) when (e.Status is 403 or 404)
        {
            return null; // disabled or deleted since it was listed (an epoch being retired): it wraps no live data key
        }
    }

    private static Instant? UnusedSince(SecretProperties properties) =>
        properties.Tags.TryGetValue(UnusedSinceTag, out var text) && InstantPattern.ExtendedIso.Parse(text) is { Success: true } parsed ? parsed.Value : null;
}
