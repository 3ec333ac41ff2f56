using System.Net;
using Azure.Messaging.ServiceBus;
using Booking.Tests.Shared;

namespace Booking.DevHost.Tests;

/// <summary>
/// A mail server down for longer than a message's deliveries, on Service Bus (the stand-in, with the deployed
/// subscription's 10 deliveries): the broker dead-letters the confirmation, and the redrive sends it once the server is back.
/// </summary>
public sealed class ServiceBusDeadLetterRedriveTests(ServiceBusDeadLetterRedriveTests.MailServerDown bus) : IClassFixture<ServiceBusDeadLetterRedriveTests.MailServerDown>
{
    private const string EmailDeadLetters = "appointment-events/Subscriptions/email-confirmations/$DeadLetterQueue";

    [Fact]
    public async Task AConfirmationTheBrokerDeadLetteredWhileTheMailServerWasDownOutlivesARunThatFailsAgainAndIsSentOnceByTheNextRunAfterItCameBack()
    {
        var api = bus.Api;
        var practitioner = await Scenario.PractitionerAsync(api);
        var slot = (await Scenario.FreeSlotIdsAsync(api, practitioner.Id))[0];
        var patient = await api.TokenAsync("patient-sb-dl", "patient");
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync("/api/appointments", Scenario.Booking(slot), patient, "sb-dl-1")).Status);

        await StandInHost.EventuallyAsync(() => Task.FromResult(bus.Bus.GetCounts(EmailDeadLetters).Total == 1), "The confirmation was not dead-lettered within 30 s.");
        await using (var deadLetters = bus.Client.CreateReceiver("appointment-events", "email-confirmations", new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter }))
        {
            var dead = await deadLetters.PeekMessageAsync();
            Assert.Equal(("MaxDeliveryCountExceeded", 10), (dead!.DeadLetterReason, dead.DeliveryCount));
        }

        Assert.Equal(0, bus.Bus.GetCounts("appointment-events/Subscriptions/email-confirmations").Total);

        // Still down: the run fails again, and the message stays, available to the very next run (not locked for a minute).
        await RunRedriveAsync(api);
        Assert.Equal(new(Active: 1, Locked: 0, Deferred: 0), bus.Bus.GetCounts(EmailDeadLetters));
        Assert.Contains(bus.Host.LogLines, l => l.Contains("Redrove 0 dead-lettered messages of email-confirmations; 1 failed again", StringComparison.Ordinal));

        await using var smtp = new LoopbackSmtpServer(bus.SmtpPort);
        await RunRedriveAsync(api);

        var mail = Assert.Single(smtp.Messages);
        Assert.Equal("zoe.quennehen@example.org", mail.To.Mailboxes.Single().Address);
        Assert.Contains("/manage/", mail.TextBody, StringComparison.Ordinal);
        await bus.DrainedAsync("appointment-events/Subscriptions/email-confirmations");
        Assert.Contains(bus.Host.LogLines, l => l.Contains("Redrove 1 dead-lettered messages of email-confirmations; 0 failed again", StringComparison.Ordinal));
    }

    private static async Task RunRedriveAsync(ApiClient api) =>
        Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsync("/admin/functions/RedriveDeadLetters", null)).Status);

    /// <summary>The host on the stand-in, its email provider an SMTP port where nothing listens until the test starts a server there.</summary>
    public sealed class MailServerDown : StandInHost
    {
        public MailServerDown()
            : this(TestPaths.FreeLoopbackPort())
        {
        }

        private MailServerDown(int smtpPort)
            : base(null, "--Notifications:Smtp:Host=127.0.0.1", $"--Notifications:Smtp:Port={smtpPort}", "--Notifications:Smtp:Security=None") =>
            SmtpPort = smtpPort;

        public int SmtpPort { get; }
    }
}
