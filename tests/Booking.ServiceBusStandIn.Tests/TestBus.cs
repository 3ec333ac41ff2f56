using Booking.ServiceBusStandIn.Configuration;
using Microsoft.Extensions.Time.Testing;

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

    /// <summary>
    /// A clock for the stand-in that moves only when the test advances it, so that a lock or a lifetime runs out when
    /// the test says and never because the machine is slow. It starts at the next whole second of real time: the SAS
    /// tokens the client signs are checked against it, and times read back over AMQP (whole milliseconds) compare exactly.
    /// </summary>
    public static FakeTimeProvider Clock()
    {
        var now = DateTimeOffset.UtcNow;
        return new FakeTimeProvider(now.AddTicks(TimeSpan.TicksPerSecond - (now.Ticks % TimeSpan.TicksPerSecond)));
    }

    /// <summary>A stand-in of <see cref="Entities"/> whose locks, lifetimes and schedules follow <paramref name="clock"/>.</summary>
    public static Task<TestBus> StartAsync(TimeProvider clock) => StartAsync(new ServiceBusStandInOptions { Entities = Entities, TimeProvider = clock });

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

    /// <summary>Waits until <paramref name="condition"/> holds (checked every 10 ms), failing with <paramref name="what"/> after 10 s.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(10))
            {
                throw new Xunit.Sdk.XunitException($"Waited 10 s for {what}.");
            }

            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await StandIn.DisposeAsync();
    }
}
