using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace Booking.DevHost.Tests;

/// <summary>Reminders, manage links and the purge end to end, with the timers run on demand as the Functions host would.</summary>
public sealed class ReminderFlowTests
{
    [Fact]
    public async Task AReminderGoesOncePerConsentedChannelAndItsLinkViewsAndCancelsUntilTheAppointmentEnds()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await DevHostFixture.StartWithClockAsync(clock);
        var api = host.Client;
        var practitioner = await Scenario.PractitionerAsync(api, specialty: "Oncologie", name: "Dr Zénon Vasseur");
        var slots = (await api.GetAsync($"/api/practitioners/{practitioner.Id}/slots")).Body["slots"]!.AsArray();
        var slot = slots.First(s => DateTimeOffset.Parse(s!["start"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) > clock.GetUtcNow().AddDays(2))!;
        var patient = await api.TokenAsync("patient-r", "patient");
        var booked = await api.PostAsync("/api/appointments", new
        {
            slotId = slot["slotId"]!.GetValue<string>(),
            patient = new { firstName = "Zoé", lastName = "Quennehen", email = "zoe.q@example.org", phone = "0612345678", birthDate = "1980-02-29" },
            reason = "Chimiothérapie cycle 3",
            consent = new { email = true, sms = true },
        }, patient, "r-1");
        Assert.Equal(HttpStatusCode.Created, booked.Status);
        var id = booked.Body["appointmentId"]!.GetValue<string>();
        await Scenario.ManageTokenAsync(api, id); // the confirmation is out
        var start = DateTimeOffset.Parse(slot["start"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var end = DateTimeOffset.Parse(slot["end"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

        clock.SetUtcNow(start.AddHours(-24).AddMinutes(-1));
        await RunAsync(api, "SendReminders");
        Assert.Empty(await RemindersAsync(api));

        clock.SetUtcNow(start.AddHours(-24).AddMinutes(14));
        await RunAsync(api, "SendReminders");
        clock.Advance(TimeSpan.FromMinutes(15));
        await RunAsync(api, "SendReminders");
        var reminders = await RemindersAsync(api);
        Assert.Equal(["email", "sms"], reminders.Select(r => r["channel"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        foreach (var text in reminders.Select(r => r["body"]!.GetValue<string>()))
        {
            Assert.Contains(start.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
            Assert.DoesNotContain("Oncolog", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Chimio", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Vasseur", text, StringComparison.Ordinal);
        }

        var token = await Scenario.ManageTokenAsync(api, id, kind: "reminder");
        var viewed = await api.GetAsync($"/api/manage/{token}");
        Assert.Equal(HttpStatusCode.OK, viewed.Status);
        Assert.Equal("confirmed", viewed.Body["status"]!.GetValue<string>());
        Assert.Equal("Dr Zénon Vasseur", viewed.Body["practitionerName"]!.GetValue<string>());
        Assert.Equal(slot["start"]!.GetValue<string>(), viewed.Body["start"]!.GetValue<string>());
        Assert.Null(viewed.Body["patient"]);
        Assert.Null(viewed.Body["reason"]);

        var cancelled = await api.PostAsync($"/api/manage/{token}/cancel", null);
        Assert.Equal("cancelled", cancelled.Body["status"]!.GetValue<string>());
        Assert.Contains((await api.GetAsync($"/api/practitioners/{practitioner.Id}/slots")).Body["slots"]!.AsArray(), s => s!["slotId"]!.GetValue<string>() == slot["slotId"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/manage/{token[..^2]}AA")).Status);

        clock.SetUtcNow(end);
        var expired = await api.GetAsync($"/api/manage/{token}");
        Assert.Equal(HttpStatusCode.NotFound, expired.Status);
        Assert.Equal("application/problem+json", expired.MediaType);

        Assert.DoesNotContain(host.LogLines, line => line.Contains(token, StringComparison.Ordinal));
        var accessLog = (await api.GetAsync("/api/me/export", patient)).Body["accessLog"]!.AsArray();
        Assert.Contains(accessLog, e => e!["purpose"]!.GetValue<string>() == "link-holder-cancels-appointment");
    }

    [Fact]
    public async Task ThePurgeRemovesAnAppointmentOnlyOnceItsRetentionHasPassed()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await DevHostFixture.StartWithClockAsync(clock, "--Retention:AppointmentDays=30");
        var api = host.Client;
        var practitioner = await Scenario.PractitionerAsync(api);
        var slot = (await api.GetAsync($"/api/practitioners/{practitioner.Id}/slots")).Body["slots"]![0]!;
        var patient = await api.TokenAsync("patient-p", "patient");
        var id = (await api.PostAsync("/api/appointments", Scenario.Booking(slot["slotId"]!.GetValue<string>()), patient, "p-1")).Body["appointmentId"]!.GetValue<string>();
        var end = DateTimeOffset.Parse(slot["end"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

        clock.SetUtcNow(end.AddDays(30).AddMinutes(-1));
        await RunAsync(api, "PurgeExpiredData");
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/appointments/{id}", patient)).Status);

        clock.SetUtcNow(end.AddDays(30));
        await RunAsync(api, "PurgeExpiredData");
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/appointments/{id}", patient)).Status);
        Assert.Empty((await api.GetAsync("/api/me/appointments", patient)).Body["items"]!.AsArray());
        Assert.Contains(host.LogLines, l => l.Contains("Retention purge removed 1 from appointments", StringComparison.Ordinal));
    }

    private static async Task RunAsync(ApiClient api, string function) =>
        Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsync($"/admin/functions/{function}", null)).Status);

    private static async Task<List<JsonNode>> RemindersAsync(ApiClient api) =>
        (await api.GetAsync("/dev/notifications")).Body.AsArray().Where(n => n!["kind"]!.GetValue<string>() == "reminder").Select(n => n!).ToList();
}
