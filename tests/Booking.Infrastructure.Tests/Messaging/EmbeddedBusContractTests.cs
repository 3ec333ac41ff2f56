using Booking.Application.Messaging;
using Booking.Infrastructure.Embedded;
using Booking.Infrastructure.Tests.Embedded;
using Microsoft.Extensions.Options;

namespace Booking.Infrastructure.Tests.Messaging;

/// <summary>The contract on the embedded bus as the local host runs it: durable, in the SQLite file of a data directory.</summary>
public sealed class EmbeddedBusContractTests : BusContract, IDisposable
{
    private readonly TemporaryDataDirectory _data = new();
    private readonly EmbeddedDatabase _database;
    private readonly EmbeddedMessageBus _bus;

    public EmbeddedBusContractTests()
    {
        _database = new(Options.Create(new EmbeddedStorageOptions { DataDirectory = _data.Root }));
        _bus = new(_database, TimeProvider.System);
    }

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

    public void Dispose()
    {
        _bus.Dispose();
        _database.Dispose();
        _data.Dispose();
    }
}
