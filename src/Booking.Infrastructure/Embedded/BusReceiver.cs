using Booking.Application.Messaging;

namespace Booking.Infrastructure.Embedded;

/// <summary>
/// One consumer of a queue or a topic's subscription, as the Functions host runs a Service Bus trigger: it takes the
/// next available message under a lock (renewed while the handler runs), completes it when the handler returns, and
/// when it throws makes it available again shortly after, or dead-letters it once it was handed out
/// <see cref="MaxDeliveryCount"/> times. A lock left by a process that stopped expires, and the message is handed out
/// again (its delivery counted). Consumers of the same subscription, here or in another process, compete for messages.
/// </summary>
internal sealed class BusReceiver(
    BusTables tables, EmbeddedBusOptions options, TimeProvider time, string entity, string subscription,
    Func<BusMessage, CancellationToken, Task> handler, int maxDeliveryCount)
{
    private TaskCompletionSource _wakeUp = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Entity { get; } = entity;

    public string Subscription { get; } = subscription;

    public int MaxDeliveryCount { get; } = maxDeliveryCount;

    /// <summary>Something was just sent to the entity: look now rather than at the next poll.</summary>
    public void WakeUp() => Interlocked.Exchange(ref _wakeUp, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public async Task PumpAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            var wakeUp = Volatile.Read(ref _wakeUp).Task; // taken before looking, so a send in between is not missed
            try
            {
                var now = time.GetUtcNow();
                var next = tables.NextVisibleAt(Entity, Subscription);
                var claimed = next <= now ? await tables.TryClaimAsync(Entity, Subscription, Guid.NewGuid().ToString("N"), now, now + options.LockDuration) : null;
                if (claimed is not null)
                {
                    await HandleAsync(claimed, stopping);
                    continue;
                }

                var wait = next is { } at && at - now < options.PollInterval ? at - now : options.PollInterval;
                await Task.WhenAny(wakeUp, Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1), stopping));
            }
            catch (Exception e) when (stopping.IsCancellationRequested && e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (Exception e) when (e is Application.Storage.StoreUnavailableException or Microsoft.Data.Sqlite.SqliteException)
            {
                // The database was busy past its timeout: what this consumer held stays locked until it expires.
                await Task.Delay(options.PollInterval, CancellationToken.None);
            }
        }
    }

    private async Task HandleAsync(LockedMessage claimed, CancellationToken stopping)
    {
        if (claimed.DeliveryCount > MaxDeliveryCount)
        {
            // Its last delivery's lock expired (that consumer stopped mid-way): no delivery is left.
            await tables.DeadLetteredAsync(claimed, $"{IDeadLetterQueue.MaxDeliveryCountExceeded}: {claimed.DeliveryCount - 1} deliveries, the last one's lock expired", time.GetUtcNow());
            return;
        }

        var renewEvery = options.LockDuration / 3;
        using var renewal = new Timer(_ => RenewQuietly(claimed), null, renewEvery, renewEvery);
        try
        {
            await handler(claimed.Message, stopping);
            await renewal.DisposeAsync();
            await tables.CompletedAsync(claimed);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            await renewal.DisposeAsync();
            await tables.UnlockedAsync(claimed, time.GetUtcNow(), uncount: true);
        }
        catch (Exception e)
        {
            await renewal.DisposeAsync();
            var now = time.GetUtcNow();
            if (claimed.DeliveryCount >= MaxDeliveryCount)
            {
                await tables.DeadLetteredAsync(claimed, $"{IDeadLetterQueue.MaxDeliveryCountExceeded}: {claimed.DeliveryCount} deliveries, last failed with {e.GetType().Name}", now);
            }
            else
            {
                await tables.UnlockedAsync(claimed, now + TimeSpan.FromMilliseconds(20 * claimed.DeliveryCount));
            }
        }
    }

    private void RenewQuietly(LockedMessage claimed)
    {
        try
        {
            tables.Renewed(claimed, time.GetUtcNow() + options.LockDuration);
        }
        catch (Exception e) when (e is Application.Storage.StoreUnavailableException or ObjectDisposedException or Microsoft.Data.Sqlite.SqliteException)
        {
            // The next renewal tries again; a lock that expires meanwhile is handed out again, which consumers tolerate.
        }
    }
}
