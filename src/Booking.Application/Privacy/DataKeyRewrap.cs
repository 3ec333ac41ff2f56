namespace Booking.Application.Privacy;

/// <summary>
/// What a re-wrap pass did: how many data keys it moved; every KEK version a live data key was still under when the
/// pass ended (the newest, and any whose key changed under the pass: counted as in use, to be safe); and every version
/// it moved a key off (unused from the end of this pass, not before: a backup taken until now may hold it).
/// </summary>
public sealed record DataKeyRewrap(int Moved, IReadOnlySet<string> KekVersionsInUse, IReadOnlySet<string> KekVersionsMovedFrom);
