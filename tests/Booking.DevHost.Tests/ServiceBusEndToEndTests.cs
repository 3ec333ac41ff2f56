using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Messaging.ServiceBus;
using Booking.Application.Partners;
using Booking.Infrastructure.Notifications;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.DevHost.Tests;

/// <summary>
/// The local host on Service Bus instead of its embedded bus: the outbox publishes through ServiceBusMessageBus and
/// the functions are driven by SDK processors, against the Service Bus stand-in loaded with the deployed entities
/// (infra/local/servicebus-config.json). The test sends and reads with the same SDK, as partner software and
/// operators' tools would.
/// </summary>
public sealed class ServiceBusEndToEndTests(StandInHost bus) : IClassFixture<StandInHost>
{
    private static readonly string[] EventSubscriptions = ["email-confirmations", "sms-confirmations", "partner-notifications", "availability-summaries"];

    private ApiClient Api => bus.Api;

    [Fact]
    public async Task ABookingIsConfirmedOnceByEmailAndOnceBySmsAndLeavesNothingOnTheSubscriptionsOrTheirDeadLetterQueues()
    {
        var practitioner = await Scenario.PractitionerAsync(Api);
        var slot = (await Scenario.FreeSlotIdsAsync(Api, practitioner.Id))[0];
        var patient = await Api.TokenAsync("patient-both", "patient");

        var booked = await Api.PostAsync("/api/appointments", Scenario.Booking(slot, smsConsent: true), patient, "both-1");

        Assert.Equal(HttpStatusCode.Created, booked.Status);
        var id = booked.Body["appointmentId"]!.GetValue<string>();
        await StandInHost.EventuallyAsync(async () => (await ConfirmationsAsync(id)).Count >= 2, "No confirmation on both channels within 30 s.");
        foreach (var subscription in EventSubscriptions)
        {
            await bus.DrainedAsync($"appointment-events/Subscriptions/{subscription}");
        }

        var sent = await ConfirmationsAsync(id);
        Assert.Equal(["email", "sms"], sent.Select(n => n["channel"]!.GetValue<string>()).Order());
        Assert.Equal(0, bus.Host.Services.GetRequiredService<InMemoryNotificationSink>().RepeatsIgnored);
    }

    [Fact]
    public async Task ASignedPartnerRequestOnTheQueueIsBookedAndAnsweredConfirmedOnTheResultsTopicForThatPartner()
    {
        var (practitioner, partner) = await PartnerAsync();
        var slot = (await Scenario.FreeSlotIdsAsync(Api, practitioner.Id))[0];
        var body = Request("sb-req-1", practitioner.Id, slot);

        await SendPartnerRequestAsync(body, "sb-msg-1", partner, Sign(body, partner));

        var result = await PartnerResultAsync(PartnerId(partner), "sb-req-1");
        Assert.Equal("confirmed", result["status"]!.GetValue<string>());
        var appointmentId = result["appointmentId"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await Api.GetAsync($"/api/appointments/{appointmentId}", practitioner.Token)).Status);
        Assert.DoesNotContain(slot, await Scenario.FreeSlotIdsAsync(Api, practitioner.Id));
        await bus.DrainedAsync("partner-booking-requests");
    }

    [Fact]
    public async Task ABodyThatIsNotAnEventIsCompletedOnceByEverySubscriptionAndRecordedForOperators()
    {
        await using var sender = bus.Client.CreateSender("appointment-events");

        await sender.SendMessageAsync(new ServiceBusMessage("not json") { MessageId = "sb-poison-1" });

        var alerts = await bus.RefusalAlertsAsync("sb-poison-1", count: EventSubscriptions.Length);
        foreach (var subscription in EventSubscriptions)
        {
            await bus.DrainedAsync($"appointment-events/Subscriptions/{subscription}");
        }

        Assert.Equal(["NotifyPartnerWebhooks", "RefreshAvailabilitySummaries", "SendEmailConfirmations", "SendSmsConfirmations"], alerts.Select(a => a["consumer"]!.GetValue<string>()).Order());
        Assert.All(alerts, a => Assert.Equal("not an appointment event", a["reason"]!.GetValue<string>()));
        Assert.All(alerts, a => Assert.Equal(1, bus.RefusalsLogged(a["consumer"]!.GetValue<string>(), "sb-poison-1")));
    }

    [Fact]
    public async Task UnsignedAndBadlySignedPartnerRequestsAreCompletedOnceRecordedForOperatorsAndTheKnownPartnerIsAnsweredRejected()
    {
        var (practitioner, partner) = await PartnerAsync();
        var slot = (await Scenario.FreeSlotIdsAsync(Api, practitioner.Id))[0];

        await SendPartnerRequestAsync("{}", "sb-unsigned-1", partner: null, signature: null);
        await SendPartnerRequestAsync(Request("sb-req-bad", practitioner.Id, slot), "sb-badsig-1", partner, new string('0', 64));

        var rejected = await PartnerResultAsync(PartnerId(partner), "sb-req-bad");
        Assert.Equal(("rejected", "bad-signature"), (rejected["status"]!.GetValue<string>(), rejected["reason"]!.GetValue<string>()));
        Assert.Equal("unknown-partner", Assert.Single(await bus.RefusalAlertsAsync("sb-unsigned-1", count: 1))["reason"]!.GetValue<string>());
        Assert.Equal("bad-signature", Assert.Single(await bus.RefusalAlertsAsync("sb-badsig-1", count: 1))["reason"]!.GetValue<string>());
        await bus.DrainedAsync("partner-booking-requests");
        Assert.Equal(1, bus.RefusalsLogged(ProcessPartnerBookingRequest.Consumer, "sb-unsigned-1"));
        Assert.Equal(1, bus.RefusalsLogged(ProcessPartnerBookingRequest.Consumer, "sb-badsig-1"));
        Assert.Contains(slot, await Scenario.FreeSlotIdsAsync(Api, practitioner.Id));
    }

    private async Task<List<JsonNode>> ConfirmationsAsync(string appointmentId) =>
        (await Api.GetAsync("/dev/notifications")).Body.AsArray()
            .Where(n => n!["appointmentId"]!.GetValue<string>() == appointmentId && n["kind"]!.GetValue<string>() == "confirmation")
            .Select(n => n!)
            .ToList();

    private Task<(Scenario.Practitioner Practitioner, JsonNode Partner)> PartnerAsync() => Scenario.PartnerAsync(Api);

    private static string PartnerId(JsonNode partner) => partner["partnerId"]!.GetValue<string>();

    private static string Sign(string body, JsonNode partner) =>
        ProcessPartnerBookingRequest.Sign(Encoding.UTF8.GetBytes(body), partner["signingSecret"]!.GetValue<string>());

    private static string Request(string requestId, string practitionerId, string slotId) => JsonSerializer.Serialize(new
    {
        requestId,
        practitionerId,
        slotId,
        patient = new { firstName = "Zoé", lastName = "Partner", email = "zoe@example.org", phone = "+33612345678", birthDate = "1980-02-29" },
        consent = new { email = false, sms = false },
    });

    private Task SendPartnerRequestAsync(string body, string messageId, JsonNode? partner, string? signature) =>
        bus.SendPartnerRequestAsync(body, messageId, partner, signature);

    /// <summary>
    /// Receives from the <c>partner-results</c> subscription until the result for <paramref name="requestId"/>, checking
    /// it carries the partner's id (what the subscription filters on); results for others are completed on the way.
    /// </summary>
    private async Task<JsonNode> PartnerResultAsync(string partnerId, string requestId)
    {
        await using var receiver = bus.Client.CreateReceiver("partner-booking-results", "partner-results");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            Assert.True(DateTime.UtcNow < deadline, $"No result for {requestId} within 30 s.");
            if (await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(1)) is not { } message)
            {
                continue;
            }

            await receiver.CompleteMessageAsync(message);
            var result = JsonNode.Parse(message.Body.ToString())!;
            if (result["requestId"]?.GetValue<string>() == requestId)
            {
                Assert.Equal(partnerId, message.ApplicationProperties["partnerId"] as string);
                return result;
            }
        }
    }
}
