using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Messaging.ServiceBus;
using Booking.Application.Partners;

namespace Booking.DevHost.Tests;

/// <summary>
/// Every way a partner request is refused, through the real path (the SDK sends to the Service Bus stand-in, the
/// host's processors run the function), and then every message left anywhere in the namespace, dead letters
/// included: none carries the patient's details, and each refusal was answered exactly once, rejected, with a reason.
/// The class has its own stand-in, so what it reads is only what its own requests left.
/// </summary>
public sealed class PartnerRefusalTraceTests(StandInHost bus) : IClassFixture<StandInHost>
{
    private static readonly string[] PatientValues = ["Zoeline", "Quintavalle", "zoeline.quintavalle@example.org", "+33687654321", "687654321", "1977-03-14"];

    private ApiClient Api => bus.Api;

    [Fact]
    public async Task RefusedRequestsAreEachAnsweredRejectedOnceAndLeaveThePatientsDetailsNowhereInTheNamespace()
    {
        var (practitioner, partner) = await PartnerAsync();
        var (_, suspended) = await PartnerAsync();
        var ops = await Api.TokenAsync("ops", "operator");
        Assert.Equal(HttpStatusCode.OK, (await Api.PostAsync($"/api/partners/{PartnerId(suspended)}/suspend", null, ops)).Status);
        var (other, _) = await PartnerAsync();
        var slots = await Scenario.FreeSlotIdsAsync(Api, practitioner.Id);
        var taken = slots[^1];
        var patient = await Api.TokenAsync("patient-first", "patient");
        Assert.Equal(HttpStatusCode.Created, (await Api.PostAsync("/api/appointments", Scenario.Booking(taken), patient, "first-1")).Status);
        var booked = Request("req-booked", practitioner.Id, slots[0]);
        await SendAsync(booked, "msg-booked", partner);
        await ResultsAsync(count: 1);

        // message id → (body, sender, signature: null = the partner's own, "" = none; the request id answered, the reason's start)
        var refused = new Dictionary<string, (string Body, JsonNode? Partner, string? Signature, string? RequestId, string Reason)>
        {
            ["msg-malformed"] = ("{\"requestId\":\"req-malformed\",\"patient\":{\"firstName\":\"Zoeline\",\"lastName\":\"Quintavalle\",\"email\":\"zoeline.quintavalle@example.org\"", partner, null, null, "invalid-body: not the expected JSON"),
            ["msg-out-of-scope"] = (Request("req-out-of-scope", other.Id, (await Scenario.FreeSlotIdsAsync(Api, other.Id))[0]), partner, null, "req-out-of-scope", "out-of-scope-practitioner"),
            ["msg-unknown-practitioner"] = (Request("req-unknown-practitioner", "AAAAAAAAAAAAAAAAAAAAAA", slots[1]), partner, null, "req-unknown-practitioner", "out-of-scope-practitioner"),
            ["msg-taken"] = (Request("req-taken", practitioner.Id, taken), partner, null, "req-taken", "slot-taken"),
            ["msg-invalid"] = (Request("req-invalid", practitioner.Id, slots[1], email: "zoeline.quintavalle-at-example.org"), partner, null, "req-invalid", "invalid-body: "),
            ["msg-reused"] = (Request("req-booked", practitioner.Id, slots[2]), partner, null, "req-booked", ProcessPartnerBookingRequest.RequestIdReused),
            ["msg-suspended"] = (Request("req-suspended", practitioner.Id, slots[3]), suspended, null, "req-suspended", "partner-suspended"),
            ["msg-unsigned"] = (Request("req-unsigned", practitioner.Id, slots[4]), partner, "", "req-unsigned", "bad-signature"),
            ["msg-bad-signature"] = (Request("req-bad-signature", practitioner.Id, slots[5]), partner, new string('0', 64), "req-bad-signature", "bad-signature"),
        };
        foreach (var (messageId, (body, sender, signature, _, _)) in refused)
        {
            await SendAsync(body, messageId, sender, signature);
        }

        await SendAsync(Request("req-unknown-partner", practitioner.Id, slots[6]), "msg-unknown-partner", partner: null);

        var results = await ResultsAsync(count: 1 + refused.Count);
        await bus.DrainedAsync("partner-booking-requests");
        Assert.Equal("req-booked", Assert.Single(results, r => Status(r) == "confirmed")["requestId"]!.GetValue<string>());
        var rejected = results.Where(r => Status(r) == "rejected").ToList();
        Assert.Equal(refused.Count, rejected.Count);
        Assert.All(refused.Values, expected =>
        {
            var answer = Assert.Single(rejected, r => r["requestId"]?.GetValue<string>() == expected.RequestId && r["reason"]!.GetValue<string>().StartsWith(expected.Reason, StringComparison.Ordinal));
            Assert.Null(answer["appointmentId"]);
        });
        Assert.DoesNotContain(results, r => r["requestId"]?.GetValue<string>() == "req-unknown-partner");
        // Operators hear of every refused message; a slot taken is the booking's answer, not a refused message.
        foreach (var messageId in refused.Keys.Except(["msg-taken"]).Append("msg-unknown-partner"))
        {
            Assert.True((await bus.RefusalAlertsAsync(messageId)).Count == 1, $"Not one refusal alert about {messageId}.");
        }

        Assert.Empty(await bus.RefusalAlertsAsync("msg-taken"));

        var everything = await EveryMessageAsync();
        Assert.Contains(everything, m => m.Entity == "partner-booking-results/Subscriptions/partner-results");
        Assert.DoesNotContain(everything, m => m.Entity.StartsWith("partner-booking-requests", StringComparison.Ordinal));
        Assert.All(everything, m => Assert.All(PatientValues, value => Assert.False(
            m.Text.Contains(value, StringComparison.OrdinalIgnoreCase), $"{m.Entity} holds a message with the patient's '{value}': {m.Text}")));
        var free = await Scenario.FreeSlotIdsAsync(Api, practitioner.Id);
        Assert.All(slots.Skip(1).Take(6), slot => Assert.Contains(slot, free));
    }

    /// <summary>Every message in every queue and subscription of the deployed namespace and in their dead-letter queues, peeked (left in place).</summary>
    private async Task<List<(string Entity, string Text)>> EveryMessageAsync()
    {
        var entities = StandInHost.DeployedEntities();
        var sources = entities.Queues.Select(q => (Path: q.Name, Open: (Func<ServiceBusReceiverOptions, ServiceBusReceiver>)(o => bus.Client.CreateReceiver(q.Name, o))))
            .Concat(entities.Topics.SelectMany(t => t.Subscriptions.Select(s =>
                (Path: $"{t.Name}/Subscriptions/{s.Name}", Open: (Func<ServiceBusReceiverOptions, ServiceBusReceiver>)(o => bus.Client.CreateReceiver(t.Name, s.Name, o))))));
        var found = new List<(string Entity, string Text)>();
        foreach (var (path, open) in sources)
        {
            foreach (var (subQueue, suffix) in new[] { (SubQueue.None, ""), (SubQueue.DeadLetter, "/$DeadLetterQueue") })
            {
                await using var receiver = open(new ServiceBusReceiverOptions { SubQueue = subQueue });
                for (IReadOnlyList<ServiceBusReceivedMessage> page; (page = await receiver.PeekMessagesAsync(100)).Count > 0;)
                {
                    found.AddRange(page.Select(m => (path + suffix, Describe(m))));
                }
            }
        }

        return found;
    }

    /// <summary>What a message shows to whoever reads the namespace: its ids, subject, body and application properties.</summary>
    private static string Describe(ServiceBusReceivedMessage message) =>
        string.Join('\n', new[] { message.MessageId, message.CorrelationId, message.Subject, message.Body.ToString() }
            .Concat(message.ApplicationProperties.Select(p => $"{p.Key}={p.Value}")));

    /// <summary>Waits for <paramref name="count"/> results on the partner-results subscription and returns them all, peeked.</summary>
    private async Task<List<JsonNode>> ResultsAsync(int count)
    {
        await using var receiver = bus.Client.CreateReceiver("partner-booking-results", "partner-results");
        var results = new List<JsonNode>();
        await StandInHost.EventuallyAsync(async () =>
        {
            results = [];
            for (long from = 0; (await receiver.PeekMessagesAsync(100, from)) is { Count: > 0 } page; from = page[^1].SequenceNumber + 1)
            {
                results.AddRange(page.Select(m => JsonNode.Parse(m.Body.ToString())!));
            }

            return results.Count >= count;
        }, $"Fewer than {count} partner results within 30 s.");
        Assert.Equal(count, results.Count);
        return results;
    }

    private Task<(Scenario.Practitioner Practitioner, JsonNode Partner)> PartnerAsync() => Scenario.PartnerAsync(Api);

    private static string Status(JsonNode result) => result["status"]!.GetValue<string>();

    private static string PartnerId(JsonNode partner) => partner["partnerId"]!.GetValue<string>();

    private static string Request(string requestId, string practitionerId, string slotId, string email = "zoeline.quintavalle@example.org") => JsonSerializer.Serialize(new
    {
        requestId,
        practitionerId,
        slotId,
        patient = new { firstName = "Zoeline", lastName = "Quintavalle", email, phone = "+33687654321", birthDate = "1977-03-14" },
        reason = "Quintavalle family follow-up",
        consent = new { email = true, sms = true },
    });

    /// <summary>Sends as partner software does, signed with the partner's secret unless <paramref name="signature"/> is given (an empty one is left out).</summary>
    private Task SendAsync(string body, string messageId, JsonNode? partner, string? signature = null)
    {
        if (partner is not null)
        {
            signature ??= ProcessPartnerBookingRequest.Sign(Encoding.UTF8.GetBytes(body), partner["signingSecret"]!.GetValue<string>());
        }

        return bus.SendPartnerRequestAsync(body, messageId, partner, string.IsNullOrEmpty(signature) ? null : signature);
    }
}
