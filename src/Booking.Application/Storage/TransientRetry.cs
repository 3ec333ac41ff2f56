namespace Booking.Application.Storage;

/// <summary>
/// Retries an idempotent piece of work a few times, briefly, when the store was unavailable — for message
/// consumers, where a store blip would otherwise burn one of the message's few deliveries. Any other failure,
/// and the last store failure, goes to the caller.
/// </summary>
public static class TransientRetry
{
    public const int Attempts = 4;

    public static async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> work, TimeProvider time, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await work(ct);
            }
            catch (StoreUnavailableException) when (attempt < Attempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(25 * attempt * attempt), time, ct);
            }
        }
    }
}
