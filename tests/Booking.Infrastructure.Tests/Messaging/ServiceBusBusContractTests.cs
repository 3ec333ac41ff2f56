using Azure.Messaging.ServiceBus;
using Booking.Application.Messaging;
using Booking.Infrastructure.ServiceBus;
using Booking.ServiceBusStandIn;
using Booking.ServiceBusStandIn.Configuration;
using Booking.Tests.Shared;

namespace Booking.Infrastructure.Tests.Messaging;

/// <summary>
/// <see cref="ServiceBusMessageBus"/> and <see cref="ServiceBusDeadLetterQueue"/> on the local Service Bus stand-in
/// (tests/Booking.ServiceBusStandIn), loaded with the repository's entity config. Consumers are SDK processors that
/// settle as the function host does for a trigger.
/// </summary>
public sealed class ServiceBusBusContractTests : BusContract, IAsyncLifetime
{
    private readonly List<ServiceBusProcessor> _processors = [];
    private readonly List<string> _consumed = [];
    private Booking.ServiceBusStandIn.ServiceBusStandIn _standIn = null!;
    private ServiceBusClient _client = null!;
    private ServiceBusMessageBus _bus = null!;

    protected override IMessageBus Bus => _bus;

    protected override IDeadLetterQueue DeadLetters => new ServiceBusDeadLetterQueue(_client);

    public static NamespaceDefinition RepositoryEntities { get; } =
        EmulatorConfig.Load(Path.Combine(TestPaths.RepositoryRoot, "infra", "local", "servicebus-config.json"));

    public async Task InitializeAsync()
    {
        _standIn = await Booking.ServiceBusStandIn.ServiceBusStandIn.StartAsync(new ServiceBusStandInOptions { Entities = RepositoryEntities });
        _client = new ServiceBusClient(_standIn.ConnectionString);
        _bus = new ServiceBusMessageBus(_client);
    }

    public async Task DisposeAsync()
    {
        foreach (var processor in _processors)
        {
            await processor.DisposeAsync();
        }

        await _bus.DisposeAsync();
        await _client.DisposeAsync();
        await _standIn.DisposeAsync();
    }

    protected override async Task ConsumeAsync(string entity, string? subscription, Func<BusMessage, Task> handler)
    {
        var options = new ServiceBusProcessorOptions { AutoCompleteMessages = true };
        var processor = subscription is null ? _client.CreateProcessor(entity, options) : _client.CreateProcessor(entity, subscription, options);
        processor.ProcessMessageAsync += args => handler(args.Message.ToBusMessage());
        processor.ProcessErrorAsync += _ => Task.CompletedTask;
        _processors.Add(processor);
        _consumed.Add(subscription is null ? entity : $"{entity}/Subscriptions/{subscription}");
        await processor.StartProcessingAsync();
    }

    /// <summary>No consumed subscription holds a message that is available or locked: each was completed or dead-lettered.</summary>
    protected override async Task WhenSettledAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (_consumed.Any(path => _standIn.GetCounts(path) is not { Active: 0, Locked: 0 }))
        {
            Assert.True(DateTime.UtcNow < deadline, "The consumed subscriptions did not drain within 20 s.");
            await Task.Delay(20);
        }
    }

    protected override async Task<IReadOnlyList<string>> DeadLetteredIdsAsync(string entity, string? subscription)
    {
        var options = new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter };
        await using var receiver = subscription is null ? _client.CreateReceiver(entity, options) : _client.CreateReceiver(entity, subscription, options);
        return [.. (await receiver.PeekMessagesAsync(100)).Select(m => m.MessageId)];
    }

    [Fact]
    public async Task RedriveSkipsWithoutCountingAMessageDeadLetteredForAnotherReasonAndTakesTheOutagesVictims()
    {
        await using (var receiver = _client.CreateReceiver(Topic, Partners))
        {
            await _bus.SendAsync(Topic, new BusMessage("expired-1", "{}", new Dictionary<string, string>()), default);
            var received = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(5));
            await receiver.DeadLetterMessageAsync(received, "TTLExpiredException", "expired before delivery");
        }

        await ConsumeAsync(Topic, Partners, _ => throw new InvalidOperationException("the webhook is down"));
        await _bus.SendAsync(Topic, new BusMessage("outage-1", "{}", new Dictionary<string, string>()), default);
        await WhenSettledAsync();

        var handled = new List<string>();
        // A limit of one: the skipped message must not use it up.
        var count = await DeadLetters.RedriveAsync(Topic, Partners, (m, _) => { handled.Add(m.MessageId); return Task.CompletedTask; }, 1, default);

        Assert.Equal(["outage-1"], handled);
        Assert.Equal(new RedriveCount(1, 0), count);
        Assert.Equal(["expired-1"], await DeadLetteredIdsAsync(Topic, Partners));
    }
}
