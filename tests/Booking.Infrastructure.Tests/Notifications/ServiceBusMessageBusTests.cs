using Azure.Messaging.ServiceBus;
using Booking.Application.Messaging;
using Booking.Infrastructure.ServiceBus;

namespace Booking.Infrastructure.Tests.Notifications;

/// <summary>The Service Bus adapter through the SDK's mockable client and sender (no broker can run here).</summary>
public sealed class ServiceBusMessageBusTests
{
    [Fact]
    public async Task SendsWithTheEventIdAsMessageIdAndOneSenderPerEntity()
    {
        var client = new RecordingClient();
        await using var bus = new ServiceBusMessageBus(client);
        var message = new BusMessage("event-1", "{\"eventId\":\"event-1\"}", new Dictionary<string, string> { ["partnerId"] = "p1" });

        await bus.SendAsync("appointment-events", message, default);
        await bus.SendAsync("appointment-events", message with { MessageId = "event-2" }, default);
        await bus.SendAsync("partner-booking-results", message, default);

        Assert.Equal(new[] { "appointment-events", "partner-booking-results" }, client.Senders.Keys.Order());
        var sent = client.Senders["appointment-events"].Sent;
        Assert.Equal(new[] { "event-1", "event-2" }, sent.Select(m => m.MessageId));
        Assert.Equal("{\"eventId\":\"event-1\"}", sent[0].Body.ToString());
        Assert.Equal("p1", sent[0].ApplicationProperties["partnerId"]);
        Assert.Equal("application/json", sent[0].ContentType);
    }

    private sealed class RecordingClient : ServiceBusClient
    {
        public Dictionary<string, RecordingSender> Senders { get; } = [];

        public override ServiceBusSender CreateSender(string queueOrTopicName) =>
            Senders.TryGetValue(queueOrTopicName, out var sender) ? sender : Senders[queueOrTopicName] = new RecordingSender();
    }

    private sealed class RecordingSender : ServiceBusSender
    {
        public List<ServiceBusMessage> Sent { get; } = [];

        public override Task SendMessageAsync(ServiceBusMessage message, CancellationToken cancellationToken = default)
        {
            Sent.Add(message);
            return Task.CompletedTask;
        }

#pragma warning disable CA2215 // the base closes an AMQP link this mock never opened
        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
#pragma warning restore CA2215
    }
}
