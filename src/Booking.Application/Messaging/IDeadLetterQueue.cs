namespace Booking.Application.Messaging;

/// <summary>
/// The messages the broker moved to a dead-letter queue after their maximum delivery count: those a long outage (a mail
/// server down for an hour) defeated. Messages dead-lettered as poison are never handed out: no retry would mend them.
/// A queue whose dead letters must not stay (they carry personal data in clear) is purged. Adapters: Azure Service
/// Bus, and the local host's embedded bus.
/// </summary>
public interface IDeadLetterQueue
{
    /// <summary>The reason Service Bus gives a message it dead-lettered after its last delivery (the embedded bus gives it too).</summary>
    const string MaxDeliveryCountExceeded = "MaxDeliveryCountExceeded";

    /// <summary>
    /// Hands up to <paramref name="limit"/> of them to <paramref name="handle"/>, one at a time: one handled is removed
    /// from the dead-letter queue; one that fails again stays there for the next run.
    /// </summary>
    Task<RedriveCount> RedriveAsync(string topic, string subscription, Func<BusMessage, CancellationToken, Task> handle, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Removes up to <paramref name="limit"/> of a queue's dead letters enqueued before <paramref name="enqueuedBefore"/>,
    /// whatever the reason they were dead-lettered, unread; younger ones stay. Returns how many were removed.
    /// </summary>
    Task<int> PurgeAsync(string queue, DateTimeOffset enqueuedBefore, int limit, CancellationToken cancellationToken);
}

/// <summary>How many dead letters one run handled (and removed), and how many failed again and stay.</summary>
public readonly record struct RedriveCount(int Redriven, int FailedAgain);
