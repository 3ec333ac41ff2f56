using NodaTime;

namespace Booking.Application.Privacy;

/// <summary>The KEK epochs behind the key ring, as the re-wrap timer maintains them. Implemented by each key ring adapter.</summary>
public interface IKekEpochs
{
    /// <summary>
    /// Makes sure the ring holds a KEK of <paramref name="current"/> or of a later epoch, creating the current one
    /// when not; from then on the newest KEK is that epoch's. True when it created one.
    /// </summary>
    Task<bool> EnsureEpochAsync(KekEpoch current, CancellationToken cancellationToken);

    /// <summary>Every epoch the ring still holds, read afresh (not from a cache), oldest first.</summary>
    Task<IReadOnlyList<KekEpochState>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Records since when no live data key uses the epoch, or (null) that one uses it again.</summary>
    Task MarkUnusedSinceAsync(KekEpoch epoch, Instant? since, CancellationToken cancellationToken);

    /// <summary>Destroys every version of the epoch's KEK: whatever it wrapped, in any copy, no longer opens through this ring.</summary>
    Task<KekRetirement> RetireAsync(KekEpoch epoch, CancellationToken cancellationToken);
}
