using System.Net;
using System.Text.Json.Nodes;
using Booking.Infrastructure.Embedded;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.DevHost.Tests;

/// <summary>Confirmations through the outbox, the embedded bus and the consumers, as the local host runs them.</summary>
public sealed class NotificationTests : IAsyncLifetime
{
    private DevHostFixture _host = null!;

    private ApiClient Api => _host.Client;

    public async Task InitializeAsync() => _host = await DevHostFixture.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<JsonArray> NotificationsAsync()
    {
        await _host.Services.GetRequiredService<EmbeddedMessageBus>().WhenIdleAsync(TimeSpan.FromSeconds(20));
        return (await Api.GetAsync("/dev/notifications")).Body.AsArray();
    }

    [Fact]
    public async Task ABookingIsConfirmedOncePerConsentedChannelWithoutReasonOrSpecialty()
    {
        var practitioner = await Scenario.PractitionerAsync(Api, specialty: "Oncologie", name: "Dr Zénon Vasseur");
        var slot = (await Scenario.FreeSlotIdsAsync(Api, practitioner.Id))[0];
        var patient = await Api.TokenAsync("patient-a", "patient");
        var body = new
        {
            slotId = slot,
            patient = new { firstName = "Zoé", lastName = "Quennehen", email = "zoe.quennehen@example.org", phone = "0612345678", birthDate = "1980-02-29" },
            reason = "Chimiothérapie cycle 3",
            consent = new { email = true, sms = false },
        };

        var booked = await Api.PostAsync("/api/appointments", body, patient, "n-1");
        var sent = await NotificationsAsync();

        Assert.Equal(HttpStatusCode.Created, booked.Status);
        var email = Assert.Single(sent);
        Assert.Equal("email", email!["channel"]!.GetValue<string>());
        Assert.Equal("confirmation", email["kind"]!.GetValue<string>());
        Assert.Equal("zoe.quennehen@example.org", email["to"]!.GetValue<string>());
        var text = email["body"]!.GetValue<string>();
        Assert.Contains("Dr Zénon Vasseur", text, StringComparison.Ordinal);
        var link = Scenario.ManageLink().Match(text);
        Assert.True(link.Success, "the confirmation carries a manage link");
        var managed = await Api.GetAsync($"/api/manage/{link.Groups["token"].Value}");
        Assert.Equal(booked.Body["appointmentId"]!.GetValue<string>(), managed.Body["appointmentId"]!.GetValue<string>());
        Assert.DoesNotContain("Chimio", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Oncolog", text, StringComparison.OrdinalIgnoreCase);

        var export = await Api.GetAsync("/api/me/export", patient);
        Assert.Single(export.Body["notifications"]!.AsArray());
        Assert.Contains(export.Body["accessLog"]!.AsArray(), e => e!["purpose"]!.GetValue<string>() == "notification");
    }

    [Fact]
    public async Task CancellationAndRescheduleAreNotifiedToo()
    {
        var practitioner = await Scenario.PractitionerAsync(Api);
        var slots = await Scenario.FreeSlotIdsAsync(Api, practitioner.Id);
        var patient = await Api.TokenAsync("patient-a", "patient");
        var booked = await Api.PostAsync("/api/appointments", Scenario.Booking(slots[0]), patient, "n-1");
        var path = $"/api/appointments/{booked.Body["appointmentId"]}";

        await Api.PostAsync(path + "/reschedule", new { slotId = slots[1] }, patient);
        await Api.PostAsync(path + "/cancel", null, practitioner.Token);

        var kinds = (await NotificationsAsync()).Select(n => n!["kind"]!.GetValue<string>()).ToList();
        Assert.Equal(new[] { "confirmation", "reschedule", "cancellation" }, kinds);
    }

    [Fact]
    public async Task AMessageDeliveredTwiceNotifiesOnce()
    {
        var practitioner = await Scenario.PractitionerAsync(Api);
        var slot = (await Scenario.FreeSlotIdsAsync(Api, practitioner.Id))[0];
        var patient = await Api.TokenAsync("patient-a", "patient");
        await Api.PostAsync("/api/appointments", Scenario.Booking(slot), patient, "n-1");
        await NotificationsAsync();
        var original = (await Api.GetAsync("/dev/bus/appointment-events")).Body.AsArray().Single()!;

        // The same event again under another message id, so duplicate detection does not drop it: the consumer must.
        var resend = await Api.PostAsync("/dev/bus/appointment-events", new { body = original["body"]!.GetValue<string>(), messageId = "another-id" });

        Assert.Equal(HttpStatusCode.Accepted, resend.Status);
        Assert.Single(await NotificationsAsync());
    }

    [Fact]
    public async Task AMessageThatIsNotAnEventIsRefusedOnceOnEverySubscriptionAndNeverRetried()
    {
        await Api.PostAsync("/dev/bus/appointment-events", new { body = "{ not an event", messageId = "junk-1", applicationProperties = new Dictionary<string, string> { ["type"] = "junk" } });
        await NotificationsAsync();

        var alerts = (await Api.GetAsync("/dev/bus/operator-alerts")).Body.AsArray().Select(m => JsonNode.Parse(m!["body"]!.GetValue<string>())!).ToList();

        Assert.Equal(["NotifyPartnerWebhooks", "RefreshAvailabilitySummaries", "SendEmailConfirmations", "SendSmsConfirmations"], alerts.Select(a => a["consumer"]!.GetValue<string>()).Order());
        Assert.All(alerts, a => Assert.Equal(("MessageRefused", "junk-1", "not an appointment event"), (a["type"]!.GetValue<string>(), a["messageId"]!.GetValue<string>(), a["reason"]!.GetValue<string>())));
        Assert.Empty((await Api.GetAsync("/dev/bus/appointment-events/deadletter")).Body.AsArray());
        Assert.Empty((await Api.GetAsync("/dev/notifications")).Body.AsArray());
    }

    [Fact]
    public async Task NoConsentNoMessageAndErasedPatientsAreNotContacted()
    {
        var practitioner = await Scenario.PractitionerAsync(Api);
        var slots = await Scenario.FreeSlotIdsAsync(Api, practitioner.Id);
        var patient = await Api.TokenAsync("patient-a", "patient");
        var body = new
        {
            slotId = slots[0],
            patient = new { firstName = "A", lastName = "B", email = "a@example.org", phone = "0612345678", birthDate = "1980-01-01" },
            consent = new { email = false, sms = false },
        };
        await Api.PostAsync("/api/appointments", body, patient, "n-1");
        Assert.Empty(await NotificationsAsync());

        var other = await Api.TokenAsync("patient-b", "patient");
        await Api.PostAsync("/api/appointments", Scenario.Booking(slots[1]), other, "n-2");
        Assert.Single(await NotificationsAsync()); // the confirmation
        await Api.SendAsync(HttpMethod.Delete, "/api/me", null, other);

        // Nothing for the cancellation that erasure caused, and the sink forgot the confirmation with its address.
        Assert.Empty(await NotificationsAsync());
    }
}
