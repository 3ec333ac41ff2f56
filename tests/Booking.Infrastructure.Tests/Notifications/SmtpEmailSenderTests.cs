using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Booking.Application.Notifications;
using Booking.Infrastructure.Email;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Booking.Infrastructure.Tests.Notifications;

/// <summary>The SMTP sender against a real SMTP server (the SmtpServer package) listening on a loopback port.</summary>
public sealed class SmtpEmailSenderTests : IAsyncLifetime
{
    private readonly CapturingStore _store = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _server;
    private int _port;

    public Task InitializeAsync()
    {
        _port = Booking.Tests.Shared.TestPaths.FreeLoopbackPort();

        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, _port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(_store);
        _server = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _server!;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    [Fact]
    public async Task DeliversOneMessageWithTheRecipientSubjectAndText()
    {
        var sender = new SmtpEmailSender(Microsoft.Extensions.Options.Options.Create(new SmtpOptions
        {
            Host = "127.0.0.1", Port = _port, Security = "None", From = "Booking <no-reply@booking.example>",
        }));

        await sender.SendAsync(new OutgoingNotification(NotificationChannel.Email, "confirmation", "zoe@example.org", "Appointment confirmed", "See you on Monday.", "A1"), default);

        var message = Assert.Single(_store.Messages);
        Assert.Equal("zoe@example.org", message.To.Mailboxes.Single().Address);
        Assert.Equal("no-reply@booking.example", message.From.Mailboxes.Single().Address);
        Assert.Equal("Appointment confirmed", message.Subject);
        Assert.Contains("See you on Monday.", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailsWhenTheServerIsUnreachableSoTheMessageIsRetried()
    {
        var sender = new SmtpEmailSender(Microsoft.Extensions.Options.Options.Create(new SmtpOptions { Host = "127.0.0.1", Port = 1, Security = "None" }));

        await Assert.ThrowsAnyAsync<Exception>(() => sender.SendAsync(
            new OutgoingNotification(NotificationChannel.Email, "confirmation", "zoe@example.org", "s", "b", "A1"), default));
    }

    private sealed class CapturingStore : MessageStore
    {
        public ConcurrentQueue<MimeMessage> Messages { get; } = new();

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            Messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
