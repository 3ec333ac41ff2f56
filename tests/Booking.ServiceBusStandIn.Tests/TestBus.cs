using Booking.ServiceBusStandIn.Configuration;

namespace Booking.ServiceBusStandIn.Tests;

/// <summary>
/// A stand-in with short locks and lifetimes, and a client for it: each test gets its own namespace, so no test
/// sees another's messages.
/// </summary>
internal sealed class TestBus : IAsyncDisposable
{
    public const string Queue = "orders";
    public const string ShortLockQueue = "short-lock";
    public const string ExpiringQueue = "expiring";
    public const string ExpiringDroppedQueue = "expiring-dropped";
    public const string Topic = "events";
    public const string AllSubscription = "all";
    public const string PartnersSubscription = "partners";
    public const string ChosenPartnersSubscription = "chosen-partners";

    public static readonly TimeSpan ShortLock = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan ShortTimeToLive = TimeSpan.FromMilliseconds(600);

    private TestBus(ServiceBusStandIn standIn, ServiceBusClient client)
    {
        StandIn = standIn;
        Client = client;
    }

    public ServiceBusStandIn StandIn { get; }

    public ServiceBusClient Client { get; }

    public static NamespaceDefinition Entities { get; } = new(
        [
            new QueueDefinition(Queue, new EntitySettings { LockDuration = TimeSpan.FromSeconds(30), MaxDeliveryCount = 3 }, new DuplicateDetection(true, TimeSpan.FromMinutes(1))),
            new QueueDefinition(ShortLockQueue, new EntitySettings { LockDuration = ShortLock, MaxDeliveryCount = 5 }, DuplicateDetection.Off),
            new QueueDefinition(ExpiringQueue, new EntitySettings { DefaultMessageTimeToLive = ShortTimeToLive, DeadLetteringOnMessageExpiration = true }, DuplicateDetection.Off),
            new QueueDefinition(ExpiringDroppedQueue, new EntitySettings { DefaultMessageTimeToLive = ShortTimeToLive }, DuplicateDetection.Off),
        ],
        [
            new TopicDefinition(Topic, TimeSpan.MaxValue, DuplicateDetection.Off,
            [
                new SubscriptionDefinition(AllSubscription, new EntitySettings { MaxDeliveryCount = 2 }, []),
                new SubscriptionDefinition(PartnersSubscription, new EntitySettings(), [new RuleDefinition("$Default", "EXISTS(partnerId)")]),
                new SubscriptionDefinition(ChosenPartnersSubscription, new EntitySettings(), [new RuleDefinition("$Default", "partnerId IN ('partner-a', 'o''brien')")]),
            ]),
        ]);

    public static async Task<TestBus> StartAsync(ServiceBusStandInOptions? options = null)
    {
        var standIn = await ServiceBusStandIn.StartAsync(options ?? new ServiceBusStandInOptions { Entities = Entities });
        return new TestBus(standIn, new ServiceBusClient(standIn.ConnectionString, FastRetries()));
    }

    /// <summary>Client options that give up quickly, so a failing test fails in seconds rather than minutes.</summary>
    public static ServiceBusClientOptions FastRetries() => new()
    {
        RetryOptions = new ServiceBusRetryOptions { MaxRetries = 1, Delay = TimeSpan.FromMilliseconds(100), TryTimeout = TimeSpan.FromSeconds(10) },
    };

    public async Task SendAsync(string entity, params ServiceBusMessage[] messages)
    {
        await using var sender = Client.CreateSender(entity);
        await sender.SendMessagesAsync(messages);
    }

    public static async Task<ServiceBusReceivedMessage> ReceiveOneAsync(ServiceBusReceiver receiver, TimeSpan? wait = null) =>
        await receiver.ReceiveMessageAsync(wait ?? TimeSpan.FromSeconds(5))
        ?? throw new Xunit.Sdk.XunitException($"No message on {receiver.EntityPath}.");

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await StandIn.DisposeAsync();
    }
}
