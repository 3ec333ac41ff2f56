using System.Net;
using Booking.Tests.Shared;

namespace Booking.DevHost.Tests;

/// <summary>A mail server down for longer than a message's deliveries: the confirmation is late, not lost.</summary>
public sealed class DeadLetterRedriveTests
{
    [Fact]
    public async Task AConfirmationDeadLetteredWhileTheMailServerWasDownIsSentOnceWhenTheRedriveRunsAfterItCameBack()
    {
        var smtpPort = TestPaths.FreeLoopbackPort();
        await using var host = await DevHostFixture.StartAsync(extraArgs:
            ["--Notifications:Smtp:Host=127.0.0.1", $"--Notifications:Smtp:Port={smtpPort}", "--Notifications:Smtp:Security=None"]);
        var api = host.Client;
        var practitioner = await Scenario.PractitionerAsync(api);
        var slot = (await Scenario.FreeSlotIdsAsync(api, practitioner.Id))[0];
        var patient = await api.TokenAsync("patient-dl", "patient");

        var booked = await api.PostAsync("/api/appointments", Scenario.Booking(slot), patient, "dl-1");
        Assert.Equal(HttpStatusCode.Created, booked.Status);
        var id = booked.Body["appointmentId"]!.GetValue<string>();
        var dead = await EventuallyAsync(async () => (await DeadLettersAsync(api)).Where(m => m.Subscription == "email-confirmations").ToList(), l => l.Count == 1);
        Assert.StartsWith("MaxDeliveryCountExceeded", dead[0].Reason, StringComparison.Ordinal);

        // Still down: the run fails again and the message stays.
        await RunRedriveAsync(api);
        Assert.Single(await DeadLettersAsync(api), m => m.Subscription == "email-confirmations");

        await using var smtp = new LoopbackSmtpServer(smtpPort);
        await RunRedriveAsync(api);
        await RunRedriveAsync(api);

        var mail = Assert.Single(smtp.Messages);
        Assert.Equal("zoe.quennehen@example.org", mail.To.Mailboxes.Single().Address);
        Assert.Contains("/manage/", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(await DeadLettersAsync(api), m => m.Subscription == "email-confirmations");
        Assert.Contains(host.LogLines, l => l.Contains("Redrove 1 dead-lettered messages of email-confirmations; 0 failed again", StringComparison.Ordinal));
        Assert.DoesNotContain(host.LogLines, l => l.Contains("zoe", StringComparison.OrdinalIgnoreCase) || l.Contains("Quennehen", StringComparison.Ordinal));
        Assert.Equal(id, (await api.GetAsync($"/api/appointments/{id}", patient)).Body["appointmentId"]!.GetValue<string>());
    }

    private static async Task RunRedriveAsync(ApiClient api) =>
        Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsync("/admin/functions/RedriveDeadLetters", null)).Status);

    private static async Task<List<(string? Subscription, string Reason)>> DeadLettersAsync(ApiClient api) =>
        [.. (await api.GetAsync("/dev/bus/appointment-events/deadletter")).Body.AsArray()
            .Select(m => (m!["subscription"]?.GetValue<string>(), m["deadLetterReason"]!.GetValue<string>()))];

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(100);
        }
    }
}
