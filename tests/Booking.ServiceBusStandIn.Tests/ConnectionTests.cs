using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Booking.ServiceBusStandIn.Tests;

public sealed class ConnectionTests
{
    [Fact]
    public async Task UnknownQueueFailsWithMessagingEntityNotFound()
    {
        await using var bus = await TestBus.StartAsync();
        await using var sender = bus.Client.CreateSender("no-such-queue");

        var failure = await Assert.ThrowsAsync<ServiceBusException>(() => sender.SendMessageAsync(new ServiceBusMessage("x")));

        Assert.Equal(ServiceBusFailureReason.MessagingEntityNotFound, failure.Reason);
    }

    [Fact]
    public async Task ReceiverOfAnUnknownSubscriptionFailsWithMessagingEntityNotFound()
    {
        await using var bus = await TestBus.StartAsync();
        await using var receiver = bus.Client.CreateReceiver(TestBus.Topic, "no-such-subscription");

        var failure = await Assert.ThrowsAsync<ServiceBusException>(() => receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(1)));

        Assert.Equal(ServiceBusFailureReason.MessagingEntityNotFound, failure.Reason);
    }

    [Fact]
    public async Task SessionReceiverIsRefusedRatherThanServedAsIfSessionless()
    {
        await using var bus = await TestBus.StartAsync();

        await Assert.ThrowsAsync<NotSupportedException>(() => bus.Client.AcceptSessionAsync(TestBus.Queue, "session-1"));
    }

    [Fact]
    public async Task WrongKeyIsRefusedWithUnauthorizedAccess()
    {
        await using var bus = await TestBus.StartAsync();
        var connectionString = bus.StandIn.ConnectionString.Replace(ServiceBusStandInOptions.DefaultKey, "not-the-key", StringComparison.Ordinal);
        await using var client = new ServiceBusClient(connectionString, TestBus.FastRetries());
        await using var sender = client.CreateSender(TestBus.Queue);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => sender.SendMessageAsync(new ServiceBusMessage("x")));
    }

    [Fact]
    public async Task WrongKeyNameIsRefusedWithUnauthorizedAccess()
    {
        await using var bus = await TestBus.StartAsync();
        var connectionString = bus.StandIn.ConnectionString.Replace(ServiceBusStandInOptions.DefaultKeyName, "SomeoneElse", StringComparison.Ordinal);
        await using var client = new ServiceBusClient(connectionString, TestBus.FastRetries());
        await using var receiver = client.CreateReceiver(TestBus.Queue);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task ExpiredSharedAccessSignatureIsRefusedWithUnauthorizedAccess()
    {
        await using var bus = await TestBus.StartAsync();
        await using var client = new ServiceBusClient(SignedConnectionString(bus, TestBus.Queue, DateTimeOffset.UtcNow.AddMinutes(-5)), TestBus.FastRetries());
        await using var sender = client.CreateSender(TestBus.Queue);

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => sender.SendMessageAsync(new ServiceBusMessage("x")));
    }

    [Fact]
    public async Task SharedAccessSignatureForOneQueueIsRefusedForAnother()
    {
        await using var bus = await TestBus.StartAsync();
        await using var client = new ServiceBusClient(SignedConnectionString(bus, TestBus.Queue, DateTimeOffset.UtcNow.AddHours(1)), TestBus.FastRetries());

        await using (var own = client.CreateSender(TestBus.Queue))
        {
            await own.SendMessageAsync(new ServiceBusMessage("allowed"));
        }

        await using var other = client.CreateSender(TestBus.ShortLockQueue);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => other.SendMessageAsync(new ServiceBusMessage("x")));
    }

    /// <summary>A connection string carrying a SAS token signed, as Service Bus expects, for one entity only.</summary>
    private static string SignedConnectionString(TestBus bus, string entity, DateTimeOffset expiresAt)
    {
        var resource = WebUtility.UrlEncode($"sb://127.0.0.1:{bus.StandIn.Port}/{entity}");
        var expiry = expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(ServiceBusStandInOptions.DefaultKey));
        var signature = WebUtility.UrlEncode(Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes($"{resource}\n{expiry}"))));
        var token = $"SharedAccessSignature sr={resource}&sig={signature}&se={expiry}&skn={ServiceBusStandInOptions.DefaultKeyName}";
        return $"Endpoint=sb://127.0.0.1:{bus.StandIn.Port};SharedAccessSignature={token};UseDevelopmentEmulator=true";
    }

    [Fact]
    public async Task TwoClientsCompetingForAQueueReceiveEachMessageOnce()
    {
        await using var bus = await TestBus.StartAsync();
        await bus.SendAsync(TestBus.Queue, [.. Enumerable.Range(0, 30).Select(i => new ServiceBusMessage($"{i}") { MessageId = $"{i}" })]);
        await using var otherClient = new ServiceBusClient(bus.StandIn.ConnectionString, TestBus.FastRetries());

        var results = await Task.WhenAll(DrainAsync(bus.Client), DrainAsync(otherClient));

        var all = results.SelectMany(ids => ids).ToList();
        Assert.Equal(30, all.Count);
        Assert.Equal(30, all.Distinct().Count());
    }

    private static async Task<List<string>> DrainAsync(ServiceBusClient client)
    {
        await using var receiver = client.CreateReceiver(TestBus.Queue);
        var ids = new List<string>();
        while ((await receiver.ReceiveMessagesAsync(3, TimeSpan.FromMilliseconds(500))) is { Count: > 0 } batch)
        {
            foreach (var message in batch)
            {
                await receiver.CompleteMessageAsync(message);
                ids.Add(message.MessageId);
            }
        }

        return ids;
    }
}
