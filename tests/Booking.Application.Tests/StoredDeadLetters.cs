using Booking.Application.Messaging;

namespace Booking.Application.Tests;

/// <summary>Dead-letter queues as lists per subscription: a message handled is removed, one that fails stays.</summary>
public sealed class StoredDeadLetters : IDeadLetterQueue
{
    private readonly Dictionary<string, List<BusMessage>> _queues = new(StringComparer.Ordinal);

    public IReadOnlyList<BusMessage> In(string subscription) => _queues.GetValueOrDefault(subscription) ?? [];

    public void Add(string subscription, BusMessage message)
    {
        if (!_queues.TryGetValue(subscription, out var queue))
        {
            _queues[subscription] = queue = [];
        }

        queue.Add(message);
    }

    public async Task<RedriveCount> RedriveAsync(
        string topic, string subscription, Func<BusMessage, CancellationToken, Task> handle, int limit, CancellationToken cancellationToken)
    {
        var count = default(RedriveCount);
        foreach (var message in In(subscription).Take(limit).ToList())
        {
            try
            {
                await handle(message, cancellationToken);
                _queues[subscription].Remove(message);
                count = count with { Redriven = count.Redriven + 1 };
            }
            catch (CrashException)
            {
                count = count with { FailedAgain = count.FailedAgain + 1 };
            }
        }

        return count;
    }
}
