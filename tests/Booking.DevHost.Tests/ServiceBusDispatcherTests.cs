using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.DevHost.Tests;

/// <summary>
/// How the local host settles messages when it drives the functions from a real Service Bus: through the SDK's
/// model factory and a mockable receiver (no broker can run here).
/// </summary>
public sealed class ServiceBusDispatcherTests : IAsyncLifetime
{
    private DevHostFixture _host = null!;

    public async Task InitializeAsync() => _host = await DevHostFixture.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<RecordingReceiver> DispatchAsync(string functionName, string body)
    {
        var function = _host.Services.GetRequiredService<FunctionCatalog>().ServiceBus.Single(f => f.Name == functionName);
        var receiver = new RecordingReceiver();
        var message = ServiceBusModelFactory.ServiceBusReceivedMessage(BinaryData.FromString(body), messageId: "m-1", deliveryCount: 1);
        await _host.Services.GetRequiredService<ServiceBusDispatcher>().DispatchAsync(function, new ProcessMessageEventArgs(message, receiver, CancellationToken.None));
        return receiver;
    }

    [Fact]
    public async Task AHandledMessageIsCompleted()
    {
        var body = "{\"eventId\":\"e1\",\"type\":\"AppointmentConfirmed\",\"appointmentId\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"occurredAt\":\"2026-11-28T10:00:00Z\"}";

        var receiver = await DispatchAsync("SendEmailConfirmations", body);

        Assert.Equal(["complete"], receiver.Settlements);
    }

    [Fact]
    public async Task AMessageThatCanNeverSucceedIsCompletedOnceAndRecordedForOperatorsWithItsReason()
    {
        var receiver = await DispatchAsync("SendSmsConfirmations", "not json");

        Assert.Equal(["complete"], receiver.Settlements);
        var alert = Assert.Single(RefusalAlerts());
        Assert.Equal(("SendSmsConfirmations", "m-1", "not an appointment event"), (alert.Consumer, alert.MessageId, alert.Reason));
    }

    [Fact]
    public async Task AnUnsignedPartnerRequestIsCompletedAndRecordedAsFromAnUnknownPartner()
    {
        var receiver = await DispatchAsync("ProcessPartnerBookingRequests", "{}");

        Assert.Equal(["complete"], receiver.Settlements);
        Assert.Equal("unknown-partner", Assert.Single(RefusalAlerts()).Reason);
    }

    private List<Application.Messaging.RefusedMessageAlert> RefusalAlerts() =>
        _host.Services.GetRequiredService<Infrastructure.Embedded.EmbeddedMessageBus>().SentTo("operator-alerts")
            .Select(m => System.Text.Json.JsonSerializer.Deserialize<Application.Messaging.RefusedMessageAlert>(m.Body, Application.Common.JsonDefaults.Options)!)
            .ToList();

    private sealed class RecordingReceiver : ServiceBusReceiver
    {
        public List<string> Settlements { get; } = [];

        public override Task CompleteMessageAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken = default)
        {
            Settlements.Add("complete");
            return Task.CompletedTask;
        }

        public override Task DeadLetterMessageAsync(
            ServiceBusReceivedMessage message, string deadLetterReason, string? deadLetterErrorDescription = null, CancellationToken cancellationToken = default)
        {
            Settlements.Add("deadletter:" + deadLetterReason);
            return Task.CompletedTask;
        }

        public override Task AbandonMessageAsync(
            ServiceBusReceivedMessage message, IDictionary<string, object>? propertiesToModify = null, CancellationToken cancellationToken = default)
        {
            Settlements.Add("abandon");
            return Task.CompletedTask;
        }
    }
}
