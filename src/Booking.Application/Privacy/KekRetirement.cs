namespace Booking.Application.Privacy;

/// <summary>What retiring an epoch's KEK achieved.</summary>
public enum KekRetirement
{
    /// <summary>Gone for good: removed from the key ring file, or deleted and purged from Key Vault.</summary>
    Destroyed,

    /// <summary>
    /// Disabled and deleted, so the app can no longer read it, but the vault's purge protection refused the purge:
    /// Key Vault purges it itself when soft-delete retention ends; until then only a vault operator could recover it.
    /// </summary>
    DeletedAwaitingPurge,
}
