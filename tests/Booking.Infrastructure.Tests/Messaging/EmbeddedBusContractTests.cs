using Booking.Application.Messaging;
using Booking.Infrastructure.Embedded;

namespace Booking.Infrastructure.Tests.Messaging;

public sealed class EmbeddedBusContractTests : BusContract, IDisposable
{
    private readonly EmbeddedMessageBus _bus = new(TimeProvider.System);

    protected override IMessageBus Bus => _bus;

    protected override IDeadLetterQueue DeadLetters => _bus;

    protected override Task ConsumeAsync(string entity, string? subscription, Func<BusMessage, Task> handler)
    {
        _bus.Subscribe(entity, subscription, (message, _) => handler(message), MaxDeliveryCount);
        return Task.CompletedTask;
    }

    protected override Task WhenSettledAsync() => _bus.WhenIdleAsync(TimeSpan.FromSeconds(20));

    protected override Task<IReadOnlyList<string>> DeadLetteredIdsAsync(string entity, string? subscription) =>
        Task.FromResult<IReadOnlyList<string>>([.. _bus.DeadLettered(entity).Where(m => m.Subscription == subscription).Select(m => m.MessageId)]);

    public void Dispose() => _bus.Dispose();
}
