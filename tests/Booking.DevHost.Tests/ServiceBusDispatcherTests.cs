using System.Net;
using Azure.Messaging.ServiceBus;
using Booking.ServiceBusStandIn.Configuration;
using Booking.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.DevHost.Tests;

/// <summary>
/// How the local host settles messages when it drives the functions from Service Bus: the host's dispatcher runs a
/// function for each message a real SDK processor receives from a stand-in queue that allows two deliveries, and the
/// outcome is read from the broker (completed: gone; abandoned: redelivered, then dead-lettered by the broker).
/// </summary>
public sealed class ServiceBusDispatcherTests(ServiceBusDispatcherTests.Fixture bus) : IClassFixture<ServiceBusDispatcherTests.Fixture>
{
    private const string Queue = "dispatch-tests";

    [Fact]
    public async Task AHandledMessageIsCompletedOnItsFirstDelivery()
    {
        var body = "{\"eventId\":\"e1\",\"type\":\"AppointmentConfirmed\",\"appointmentId\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"occurredAt\":\"2026-11-28T10:00:00Z\"}";

        var dispatched = await DispatchAsync("SendEmailConfirmations", body, "d-handled");

        Assert.Equal(1, dispatched.Deliveries);
        Assert.Null(dispatched.DeadLettered);
    }

    [Fact]
    public async Task AMessageWhoseFunctionThrowsIsAbandonedAndDeadLetteredByTheBrokerAfterItsMaximumDeliveries()
    {
        var practitioner = await Scenario.PractitionerAsync(bus.Api);
        var slot = (await Scenario.FreeSlotIdsAsync(bus.Api, practitioner.Id))[0];
        var booked = await bus.Api.PostAsync("/api/appointments", Scenario.Booking(slot), await bus.Api.TokenAsync("patient-d", "patient"), "d-1");
        Assert.Equal(HttpStatusCode.Created, booked.Status);
        var body = "{\"eventId\":\"e-mail-down\",\"type\":\"AppointmentConfirmed\",\"appointmentId\":\"" + booked.Body["appointmentId"]!.GetValue<string>() + "\",\"occurredAt\":\"2026-11-28T10:00:00Z\"}";

        var dispatched = await DispatchAsync("SendEmailConfirmations", body, "d-mail-down");

        Assert.Equal((2, "MaxDeliveryCountExceeded"), (dispatched.Deliveries, dispatched.DeadLettered?.DeadLetterReason));
    }

    [Fact]
    public async Task AMessageThatCanNeverSucceedIsCompletedOnceAndRecordedForOperatorsWithItsReason()
    {
        var dispatched = await DispatchAsync("SendSmsConfirmations", "not json", "d-poison");

        Assert.Equal(1, dispatched.Deliveries);
        Assert.Null(dispatched.DeadLettered);
        var alert = Assert.Single(await bus.RefusalAlertsAsync("d-poison", count: 1));
        Assert.Equal(("SendSmsConfirmations", "not an appointment event"), (alert["consumer"]!.GetValue<string>(), alert["reason"]!.GetValue<string>()));
    }

    [Fact]
    public async Task AnUnsignedPartnerRequestIsCompletedOnceAndRecordedAsFromAnUnknownPartner()
    {
        var dispatched = await DispatchAsync("ProcessPartnerBookingRequests", "{}", "d-unsigned");

        Assert.Equal(1, dispatched.Deliveries);
        Assert.Null(dispatched.DeadLettered);
        Assert.Equal("unknown-partner", Assert.Single(await bus.RefusalAlertsAsync("d-unsigned", count: 1))["reason"]!.GetValue<string>());
    }

    /// <summary>
    /// Sends <paramref name="body"/> to the test queue and lets the dispatcher run <paramref name="functionName"/> for
    /// every delivery until the queue is empty; then takes the dead-lettered message, if any, off its dead-letter queue.
    /// </summary>
    private async Task<Dispatched> DispatchAsync(string functionName, string body, string messageId)
    {
        var function = bus.Host.Services.GetRequiredService<FunctionCatalog>().ServiceBus.Single(f => f.Name == functionName);
        var dispatcher = bus.Host.Services.GetRequiredService<ServiceBusDispatcher>();
        await using (var sender = bus.Client.CreateSender(Queue))
        {
            await sender.SendMessageAsync(new ServiceBusMessage(body) { MessageId = messageId });
        }

        var deliveries = 0;
        await using (var processor = bus.Client.CreateProcessor(Queue, new ServiceBusProcessorOptions { AutoCompleteMessages = false }))
        {
            processor.ProcessMessageAsync += args =>
            {
                Interlocked.Increment(ref deliveries);
                return dispatcher.DispatchAsync(function, args);
            };
            processor.ProcessErrorAsync += _ => Task.CompletedTask;
            await processor.StartProcessingAsync();
            await StandInHost.EventuallyAsync(() => Task.FromResult(bus.Bus.GetCounts(Queue).Total == 0), $"{Queue} still holds {messageId}.");
            await processor.StopProcessingAsync();
        }

        if (bus.Bus.GetCounts(Queue + "/$DeadLetterQueue").Total == 0)
        {
            return new Dispatched(deliveries, null);
        }

        await using var deadLetters = bus.Client.CreateReceiver(Queue, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        var dead = await deadLetters.ReceiveMessageAsync(TimeSpan.FromSeconds(5));
        Assert.NotNull(dead);
        Assert.Equal(messageId, dead.MessageId);
        await deadLetters.CompleteMessageAsync(dead);
        return new Dispatched(deliveries, dead);
    }

    private sealed record Dispatched(int Deliveries, ServiceBusReceivedMessage? DeadLettered);

    /// <summary>The host on the stand-in with a test queue of two deliveries, its email provider an SMTP port where nothing listens.</summary>
    public sealed class Fixture()
        : StandInHost(
            entities => entities with { Queues = [.. entities.Queues, new QueueDefinition(Queue, new EntitySettings { MaxDeliveryCount = 2 }, DuplicateDetection.Off)] },
            "--Notifications:Smtp:Host=127.0.0.1",
            $"--Notifications:Smtp:Port={TestPaths.FreeLoopbackPort()}",
            "--Notifications:Smtp:Security=None");
}
