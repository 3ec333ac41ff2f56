namespace Booking.Application.Storage;

public static class ConcurrencyLimits
{
    /// <summary>How often a use case re-reads and retries a write that lost an ETag race before giving up.</summary>
    public const int MaxAttempts = 20;

    /// <summary>
    /// The same for a document every request of its kind rewrites (a practitioner's day, which each booking of that day
    /// holds a slot in): a thousand patients racing for one clinic's slots take more rounds than that, each round won by
    /// one writer; with the pause below, 100 attempts span several seconds.
    /// </summary>
    public const int MaxAttemptsOnAHotDocument = 100;

    /// <summary>
    /// Waits a short random while (growing with the attempt, at most ~128 ms) before re-reading after a lost race, so the
    /// writers racing for one document spread out instead of all re-reading the same version and losing together again.
    /// A scheduling pause only, not a reading of time.
    /// </summary>
    public static Task AfterLostRaceAsync(int attempt, CancellationToken ct) =>
#pragma warning disable CA5394 // jitter, not security
        Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * (1 << Math.Min(attempt, 7))), ct);
#pragma warning restore CA5394
}
