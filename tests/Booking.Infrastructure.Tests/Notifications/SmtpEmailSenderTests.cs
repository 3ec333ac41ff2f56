using System.Net.Sockets;
using Booking.Application.Notifications;
using Booking.Infrastructure.Email;
using Booking.Tests.Shared;

namespace Booking.Infrastructure.Tests.Notifications;

/// <summary>The SMTP sender against a real SMTP server (the SmtpServer package) listening on a loopback port.</summary>
public sealed class SmtpEmailSenderTests : IAsyncLifetime
{
    private readonly LoopbackSmtpServer _server = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task DeliversOneMessageWithTheRecipientSubjectAndText()
    {
        var sender = new SmtpEmailSender(Microsoft.Extensions.Options.Options.Create(new SmtpOptions
        {
            Host = "127.0.0.1", Port = _server.Port, Security = "None", From = "Booking <no-reply@booking.example>",
        }));

        await sender.SendAsync(new OutgoingNotification(NotificationChannel.Email, "confirmation", "zoe@example.org", "Appointment confirmed", "See you on Monday.", "A1"), default);

        var message = Assert.Single(_server.Messages);
        Assert.Equal("zoe@example.org", message.To.Mailboxes.Single().Address);
        Assert.Equal("no-reply@booking.example", message.From.Mailboxes.Single().Address);
        Assert.Equal("Appointment confirmed", message.Subject);
        Assert.Contains("See you on Monday.", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailsWhenTheServerIsUnreachableSoTheMessageIsRetried()
    {
        var sender = new SmtpEmailSender(Microsoft.Extensions.Options.Options.Create(new SmtpOptions { Host = "127.0.0.1", Port = 1, Security = "None" }));

        await Assert.ThrowsAsync<SocketException>(() => sender.SendAsync(
            new OutgoingNotification(NotificationChannel.Email, "confirmation", "zoe@example.org", "s", "b", "A1"), default));
    }
}
