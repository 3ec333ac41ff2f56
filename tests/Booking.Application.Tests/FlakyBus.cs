using System.Collections.Concurrent;
using Booking.Application.Messaging;

namespace Booking.Application.Tests;

/// <summary>A bus that records what it is sent and can be told to fail, standing in for a broker that is down or a process that dies before sending.</summary>
public sealed class FlakyBus : IMessageBus
{
    public ConcurrentQueue<(string Entity, BusMessage Message)> Sent { get; } = new();

    public bool Down { get; set; }

    /// <summary>Messages the bus refuses even when it is up.</summary>
    public Func<BusMessage, bool> Refuses { get; set; } = _ => false;

    public Task SendAsync(string entity, BusMessage message, CancellationToken cancellationToken)
    {
        if (Down || Refuses(message))
        {
            throw new CrashException();
        }

        Sent.Enqueue((entity, message));
        return Task.CompletedTask;
    }
}
