using Azure.Messaging.ServiceBus;
using Booking.Application.Messaging;
using Booking.Infrastructure.ServiceBus;
using Booking.Infrastructure.Tests.Messaging;
using Booking.ServiceBusStandIn;

namespace Booking.Infrastructure.Tests.Notifications;

/// <summary>
/// The Service Bus adapter through the real SDK, on the local stand-in (tests/Booking.ServiceBusStandIn) loaded
/// with the deployed entities. What every bus does is in <see cref="BusContract"/>; this is what only this one
/// writes on the wire.
/// </summary>
public sealed class ServiceBusMessageBusTests : IAsyncLifetime
{
    private ServiceBusStandIn.ServiceBusStandIn _standIn = null!;
    private ServiceBusClient _client = null!;

    public async Task InitializeAsync()
    {
        _standIn = await ServiceBusStandIn.ServiceBusStandIn.StartAsync(new ServiceBusStandInOptions { Entities = ServiceBusBusContractTests.RepositoryEntities });
        _client = new ServiceBusClient(_standIn.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _standIn.DisposeAsync();
    }

    [Fact]
    public async Task SendsWithTheEventIdAsMessageIdAJsonContentTypeAndTheProperties()
    {
        await using var bus = new ServiceBusMessageBus(_client);
        var message = new BusMessage("event-1", "{\"eventId\":\"event-1\"}", new Dictionary<string, string> { ["partnerId"] = "p1" });

        await bus.SendAsync("partner-booking-results", message, default);

        await using var receiver = _client.CreateReceiver("partner-booking-results", "partner-results");
        var received = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(5));
        Assert.NotNull(received);
        Assert.Equal("event-1", received.MessageId);
        Assert.Equal("{\"eventId\":\"event-1\"}", received.Body.ToString());
        Assert.Equal("p1", received.ApplicationProperties["partnerId"]);
        Assert.Equal("application/json", received.ContentType);
    }

    [Fact]
    public async Task SendsToEachEntityItIsGivenAndKeepsSendingThroughTheSameSender()
    {
        await using var bus = new ServiceBusMessageBus(_client);
        var message = new BusMessage("event-1", "{}", new Dictionary<string, string> { ["partnerId"] = "p1" });

        await bus.SendAsync("appointment-events", message, default);
        await bus.SendAsync("appointment-events", message with { MessageId = "event-2" }, default);
        await bus.SendAsync("partner-booking-requests", message, default);

        await using var events = _client.CreateReceiver("appointment-events", "email-confirmations");
        var fromTopic = await events.PeekMessagesAsync(10);
        await using var requests = _client.CreateReceiver("partner-booking-requests");
        var fromQueue = await requests.PeekMessagesAsync(10);
        Assert.Equal(["event-1", "event-2"], fromTopic.Select(m => m.MessageId));
        Assert.Equal(["event-1"], fromQueue.Select(m => m.MessageId));
    }

    [Fact]
    public async Task SendingToAnEntityThatDoesNotExistFailsWithEntityNotFound()
    {
        await using var bus = new ServiceBusMessageBus(_client);

        var failure = await Assert.ThrowsAsync<ServiceBusException>(
            () => bus.SendAsync("no-such-topic", new BusMessage("x", "{}", new Dictionary<string, string>()), default));

        Assert.Equal(ServiceBusFailureReason.MessagingEntityNotFound, failure.Reason);
    }
}
