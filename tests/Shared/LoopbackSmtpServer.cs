using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Booking.Tests.Shared;

/// <summary>
/// A real SMTP server (the SmtpServer package) on a loopback port, keeping every message it accepts. Plain and open by
/// default; given a certificate it offers STARTTLS, and given credentials it requires AUTH (PLAIN/LOGIN) after TLS, as a
/// relay such as Azure Communication Services does on 587.
/// </summary>
internal sealed class LoopbackSmtpServer : IAsyncDisposable
{
    private readonly CapturingStore _store = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;
    private int _refusedLogins;

    /// <summary>Starts listening on <paramref name="port"/>, or on a free one.</summary>
    /// <param name="certificate">with its private key: offered through STARTTLS</param>
    /// <param name="credentials">the only user name and password accepted; then every message needs AUTH</param>
    public LoopbackSmtpServer(int? port = null, X509Certificate2? certificate = null, (string UserName, string Password)? credentials = null)
    {
        Port = port ?? TestPaths.FreeLoopbackPort();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(b =>
        {
            b.Endpoint(new IPEndPoint(IPAddress.Loopback, Port));
            if (certificate is not null)
            {
                b.Certificate(certificate);
            }

            if (credentials is not null)
            {
                b.AuthenticationRequired().AllowUnsecureAuthentication(false);
            }
        }).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(_store);
        if (credentials is { } accepted)
        {
            services.Add(new DelegatingUserAuthenticator((context, user, password) =>
            {
                var ok = user == accepted.UserName && password == accepted.Password;
                if (ok)
                {
                    _store.Authenticated.Enqueue((user, context.Pipe?.IsSecure == true));
                }
                else
                {
                    Interlocked.Increment(ref _refusedLogins);
                }

                return ok;
            }));
        }

        _serving = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public int Port { get; }

    /// <summary>Each accepted AUTH: the user name, and whether the session was under TLS by then.</summary>
    public IReadOnlyCollection<(string UserName, bool OverTls)> Logins => _store.Authenticated;

    public int RefusedLogins => Volatile.Read(ref _refusedLogins);

    public IReadOnlyCollection<MimeMessage> Messages => _store.Messages;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _serving;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private sealed class CapturingStore : MessageStore
    {
        public ConcurrentQueue<MimeMessage> Messages { get; } = new();

        public ConcurrentQueue<(string UserName, bool OverTls)> Authenticated { get; } = new();

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            Messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
