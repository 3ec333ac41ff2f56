using Booking.Application.Messaging;

namespace Booking.Faults;

/// <summary>A bus whose sends may fail before, during (timeout) or after the message is out.</summary>
public sealed class FaultyMessageBus(IMessageBus inner, FaultInjector faults) : IMessageBus
{
    public Task SendAsync(string entity, BusMessage message, CancellationToken cancellationToken) =>
        faults.RunAsync(FaultTarget.Bus, "a send", () => inner.SendAsync(entity, message, cancellationToken), cancellationToken);
}
