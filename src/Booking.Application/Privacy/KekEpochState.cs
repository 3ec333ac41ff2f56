using NodaTime;

namespace Booking.Application.Privacy;

/// <summary>
/// An epoch the key ring still holds: the versions of its KEK (enabled or not) and, once the re-wrap timer saw no live
/// data key under any of them, since when (kept in the key ring itself, so it survives restarts).
/// </summary>
public sealed record KekEpochState(KekEpoch Epoch, IReadOnlyList<string> KekVersions, Instant? UnusedSince);
