namespace Booking.Application.Privacy;

/// <summary>
/// Counts of one re-wrap run: data keys moved, whether it created the current epoch's KEK, epochs it found newly
/// unused, epochs it retired, and of those how many Key Vault keeps deleted until its own purge.
/// </summary>
public sealed record RewrapReport(int Moved = 0, bool Created = false, int MarkedUnused = 0, int Retired = 0, int AwaitingPurge = 0);
