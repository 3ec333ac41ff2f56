namespace Booking.Application.Privacy;

/// <summary>
/// The keys above the data keys: every enabled KEK version of every epoch the ring still holds (new data keys are
/// wrapped with the latest epoch's; see <see cref="IKekEpochs"/>) and the blind-index key. Adapters: Azure Key Vault
/// secrets, or a key ring file under the local data directory.
/// </summary>
public interface IKeyRing
{
    Task<KeyEncryptionKey> NewestAsync(CancellationToken cancellationToken);

    /// <summary>The KEK of this version, or null when it is unknown or disabled.</summary>
    Task<KeyEncryptionKey?> FindAsync(string version, CancellationToken cancellationToken);

    /// <summary>The HMAC key of blind indexes: stable across KEK rotations, so indexes stay valid.</summary>
    Task<byte[]> BlindIndexKeyAsync(CancellationToken cancellationToken);
}
