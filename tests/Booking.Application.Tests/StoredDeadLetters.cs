using Booking.Application.Messaging;

namespace Booking.Application.Tests;

/// <summary>Dead-letter queues as lists per subscription or queue: a message handled or purged is removed, one that fails stays.</summary>
public sealed class StoredDeadLetters : IDeadLetterQueue
{
    private readonly Dictionary<string, List<BusMessage>> _queues = new(StringComparer.Ordinal);
    private readonly Dictionary<BusMessage, DateTimeOffset> _enqueuedAt = new(ReferenceEqualityComparer.Instance);

    public IReadOnlyList<BusMessage> In(string subscription) => _queues.GetValueOrDefault(subscription) ?? [];

    public void Add(string subscription, BusMessage message, DateTimeOffset? enqueuedAt = null)
    {
        _enqueuedAt[message] = enqueuedAt ?? DateTimeOffset.MinValue;
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

    public Task<int> PurgeAsync(string queue, DateTimeOffset enqueuedBefore, int limit, CancellationToken cancellationToken)
    {
        var old = In(queue).Where(message => _enqueuedAt[message] < enqueuedBefore).Take(limit).ToList();
        old.ForEach(message => _queues[queue].Remove(message));
        return Task.FromResult(old.Count);
    }
}
