using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Messaging.ServiceBus;

namespace Booking.ProductionShape.Tests;

/// <summary>
/// Messages that can never succeed are settled once by the real consumers on the broker — completed, not abandoned
/// into redelivery and the dead-letter queue — and reach operators as <c>MessageRefused</c> alerts on operator-alerts.
/// </summary>
[Collection(ProductionShapeCollection.Name)]
public sealed class RefusedMessageTests(ProductionStack stack)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task APoisonAppointmentEventIsRefusedOncePerConsumerAlertedAndNeitherRedeliveredNorDeadLettered()
    {
        var topic = stack.Setting("ServiceBus:AppointmentEventsTopic");
        var messageId = "poison-" + Guid.NewGuid().ToString("N");
        await using (var sender = stack.TestBusClient.CreateSender(topic))
        {
            await sender.SendMessageAsync(new ServiceBusMessage("this is not an event") { MessageId = messageId });
        }

        var subscriptions = new[] { "EmailConfirmationsSubscription", "SmsConfirmationsSubscription", "PartnerNotificationsSubscription", "AvailabilitySummariesSubscription" }
            .Select(key => stack.Setting("ServiceBus:" + key)).ToList();
        var alerts = await stack.OperatorAlerts.WaitForAsync(a => RefusedMessageId(a) == messageId, subscriptions.Count, Wait);

        Assert.Equal(subscriptions.Count, alerts.Select(a => a.Json!["consumer"]!.GetValue<string>()).Distinct().Count());
        Assert.All(alerts, a => Assert.Equal("MessageRefused", a.Json!["type"]!.GetValue<string>()));
        // Settled: gone from every subscription (a peek shows locked messages too). Had it been abandoned, it would be
        // there until redelivered (refused and logged again) or dead-lettered.
        foreach (var subscription in subscriptions)
        {
            await UntilGoneAsync(() => PeekAsync(topic, subscription, SubQueue.None, messageId), subscription);
            Assert.Empty(await PeekAsync(topic, subscription, SubQueue.DeadLetter, messageId));
        }

        Assert.Equal(subscriptions.Count, RefusalsLogged(messageId));
    }

    [Fact]
    public async Task AnUnsignedPartnerRequestIsRefusedOnceAlertedAnsweredRejectedAndNotDeadLettered()
    {
        var practitionerId = await Journey.PractitionerWithScheduleAsync(stack);
        var (slotId, _) = await Journey.FirstFreeSlotAsync(stack, practitionerId);
        var created = await stack.Api.PostAsync("/api/partners", new { name = "PracticeSoft", practitionerIds = new[] { practitionerId } }, Journey.OperatorToken(stack));
        Assert.True(created.Status == HttpStatusCode.Created, created.ToString());
        var partnerId = created.Body["partnerId"]!.GetValue<string>();
        var requestId = "unsigned-" + Guid.NewGuid().ToString("N")[..8];
        var body = JsonSerializer.Serialize(new
        {
            requestId,
            practitionerId,
            slotId,
            patient = new { firstName = "Zoé", lastName = "Partenaire", email = "zoe.partner@example.org", phone = "+33612345678", birthDate = "1980-02-29" },
            consent = new { email = false, sms = false },
        });
        var queue = stack.Setting("ServiceBus:PartnerBookingRequestsQueue");
        var messageId = "request-" + Guid.NewGuid().ToString("N");
        await using (var sender = stack.TestBusClient.CreateSender(queue))
        {
            var message = new ServiceBusMessage(Encoding.UTF8.GetBytes(body)) { MessageId = messageId };
            message.ApplicationProperties["partnerId"] = partnerId; // and no signature
            await sender.SendMessageAsync(message);
        }

        var alert = Assert.Single(await stack.OperatorAlerts.WaitForAsync(a => RefusedMessageId(a) == messageId, 1, Wait));
        Assert.Equal("bad-signature", alert.Json!["reason"]!.GetValue<string>());
        var answer = Assert.Single(await stack.PartnerResults.WaitForAsync(r => r.Json?["requestId"]?.GetValue<string>() == requestId, 1, Wait));
        Assert.Equal(partnerId, answer.Properties["partnerId"]);
        Assert.Equal("rejected", answer.Json!["status"]!.GetValue<string>());
        await UntilGoneAsync(() => PeekQueueAsync(queue, SubQueue.None, messageId), queue);
        Assert.Empty(await PeekQueueAsync(queue, SubQueue.DeadLetter, messageId));
        Assert.Equal(1, RefusalsLogged(messageId));
        var slots = await stack.Api.GetAsync($"/api/practitioners/{practitionerId}/slots");
        Assert.Contains(slotId, slots.Text, StringComparison.Ordinal);
    }

    private static async Task UntilGoneAsync(Func<Task<IReadOnlyList<ServiceBusReceivedMessage>>> peek, string entity)
    {
        var deadline = DateTime.UtcNow + Wait;
        while ((await peek()).Count > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the refused message is still in {entity} after {Wait.TotalSeconds} s: it was not completed");
            await Task.Delay(100);
        }
    }

    private static string? RefusedMessageId(ReadMessage alert) =>
        alert.Json is JsonObject json && json["type"]?.GetValue<string>() == "MessageRefused" ? json["messageId"]?.GetValue<string>() : null;

    private int RefusalsLogged(string messageId) =>
        stack.Logs.Lines.Count(l => l.EventName == "MessageRefused" && l.Message.Contains(messageId, StringComparison.Ordinal));

    private async Task<IReadOnlyList<ServiceBusReceivedMessage>> PeekAsync(string topic, string subscription, SubQueue subQueue, string messageId)
    {
        await using var receiver = stack.TestBusClient.CreateReceiver(topic, subscription, new ServiceBusReceiverOptions { SubQueue = subQueue });
        return (await receiver.PeekMessagesAsync(100)).Where(m => m.MessageId == messageId).ToList();
    }

    private async Task<IReadOnlyList<ServiceBusReceivedMessage>> PeekQueueAsync(string queue, SubQueue subQueue, string messageId)
    {
        await using var receiver = stack.TestBusClient.CreateReceiver(queue, new ServiceBusReceiverOptions { SubQueue = subQueue });
        return (await receiver.PeekMessagesAsync(100)).Where(m => m.MessageId == messageId).ToList();
    }
}
