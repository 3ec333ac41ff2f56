namespace Booking.Application.Privacy;

/// <summary>How long a KEK epoch lasts and how long a retired-from-use epoch is kept (section <c>Privacy</c>).</summary>
public sealed class KekEpochOptions
{
    /// <summary>Months per epoch (1 to 12): how often a new KEK takes over. Part of the erasure bound (docs/security.md).</summary>
    public int KekEpochMonths { get; set; } = 1;

    /// <summary>
    /// How long the store's backups are kept (Bicep sets it from the Cosmos account's backup retention): an epoch no
    /// live data key uses is retired only this long after it stopped being used, so every backup that may still be
    /// restored opens. Unset, it is 720 hours, the longest periodic backup retention Cosmos DB offers: never too early.
    /// </summary>
    public int BackupRetentionHours { get; set; } = 720;
}
