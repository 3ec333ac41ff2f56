using System.Net;
using System.Net.Sockets;
using Booking.ServiceBusStandIn.Amqp;
using Booking.ServiceBusStandIn.Entities;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;
using Microsoft.Azure.Amqp.Sasl;
using Microsoft.Azure.Amqp.Transport;

namespace Booking.ServiceBusStandIn;

/// <summary>
/// A local Service Bus namespace over AMQP 1.0, in memory, for the real Azure.Messaging.ServiceBus client.
/// <code>
/// await using var bus = await ServiceBusStandIn.StartAsync(new() { Entities = EmulatorConfig.Load(path) });
/// await using var client = new ServiceBusClient(bus.ConnectionString);
/// </code>
/// </summary>
public sealed class ServiceBusStandIn : IAsyncDisposable
{
    private readonly TransportListener transportListener;
    private readonly AmqpTransportListener amqpListener;
    private readonly AmqpConnectionSettings connectionSettings;
    private readonly HashSet<AmqpConnection> connections = [];
    private readonly CancellationTokenSource stopping = new();
    private Task sweeping;
    private readonly StandInRuntime runtime;

    private ServiceBusStandIn(ServiceBusStandInOptions options, int port)
    {
        Options = options;
        Port = port;
        var tcpSettings = new TcpTransportSettings { Host = options.Host, Port = port };
        transportListener = options.Certificate is { } certificate
            ? new TlsTransportSettings(tcpSettings) { Certificate = certificate, IsInitiator = false }.CreateListener()
            : tcpSettings.CreateListener();
        Broker = new Broker(options.Entities, options.TimeProvider);
        runtime = new StandInRuntime(Broker, options, $"sb://{options.Host}:{port}/");

        var settings = new AmqpSettings { RuntimeProvider = runtime };
        var sasl = new SaslTransportProvider();
        sasl.Versions.Add(new AmqpVersion(1, 0, 0));
        sasl.AddHandler(new SaslAnonymousHandler("MSSBCBS"));
        sasl.AddHandler(new SaslAnonymousHandler());
        settings.TransportProviders.Add(sasl);
        var amqp = new AmqpTransportProvider();
        amqp.Versions.Add(new AmqpVersion(1, 0, 0));
        settings.TransportProviders.Add(amqp);

        connectionSettings = new AmqpConnectionSettings { ContainerId = $"servicebus-standin-{port}", MaxFrameSize = 64 * 1024 };
        amqpListener = new AmqpTransportListener([transportListener], settings);
        sweeping = Task.CompletedTask;
    }

    public ServiceBusStandInOptions Options { get; }

    public int Port { get; }

    /// <summary>The namespace host clients connect to (the listening address).</summary>
    public string FullyQualifiedNamespace => Options.Host;

    /// <summary>
    /// A SAS connection string for the stand-in. Over plain TCP it carries UseDevelopmentEmulator=true, which
    /// makes the SDK connect without TLS to the port in the endpoint.
    /// </summary>
    public string ConnectionString =>
        $"Endpoint=sb://{Options.Host}:{Port};SharedAccessKeyName={Options.SharedAccessKeyName};SharedAccessKey={Options.SharedAccessKey}"
        + (Options.Certificate is null ? ";UseDevelopmentEmulator=true" : string.Empty);

    internal Broker Broker { get; }

    /// <summary>
    /// What an entity holds now: "queue", "topic/Subscriptions/sub", or either with "/$DeadLetterQueue".
    /// </summary>
    public EntityCounts GetCounts(string entityPath) =>
        Broker.Counts(entityPath.Trim('/')) ?? throw new ArgumentException($"No queue or subscription '{entityPath}'.", nameof(entityPath));

    /// <summary>
    /// Completes once no queue or subscription holds an available or locked message (everything sent was completed,
    /// dead-lettered, deferred or expired), as the embedded bus's WhenIdleAsync does for its messages. Scheduled
    /// messages that are not yet due do not count.
    /// </summary>
    public async Task WhenIdleAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (!Broker.IsIdle())
        {
            try
            {
                await Task.Delay(Options.SweepInterval, deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"The Service Bus stand-in still held messages after {timeout}.");
            }
        }
    }

    /// <summary>Starts listening; with port 0 it picks a free loopback port (retrying if another process takes it first).</summary>
    public static async Task<ServiceBusStandIn> StartAsync(ServiceBusStandInOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var standIn = new ServiceBusStandIn(options, options.Port == 0 ? FreePort(options.Host) : options.Port);
            try
            {
                standIn.amqpListener.Open();
                standIn.amqpListener.Listen(standIn.OnAcceptTransport);
                standIn.sweeping = standIn.SweepAsync(options.SweepInterval, standIn.stopping.Token);
                return standIn;
            }
            catch (SocketException) when (options.Port == 0 && attempt < 5)
            {
                await standIn.DisposeAsync();
            }
        }
    }

    // The library's TCP listener does not report the port it bound, so port 0 is resolved here first.
    private static int FreePort(string host)
    {
        using var probe = new TcpListener(IPAddress.Parse(host), 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (stopping.IsCancellationRequested)
        {
            return;
        }

        await stopping.CancelAsync();
        amqpListener.SafeClose();
        transportListener.SafeClose();
        AmqpConnection[] open;
        lock (connections)
        {
            open = [.. connections];
        }

        foreach (var connection in open)
        {
            connection.SafeClose();
        }

        try
        {
            await sweeping;
        }
        catch (OperationCanceledException)
        {
        }

        stopping.Dispose();
    }

    private void OnAcceptTransport(TransportListener listener, TransportAsyncCallbackArgs args)
    {
        AmqpConnection? connection = null;
        try
        {
            connection = runtime.CreateConnection(args.Transport, (ProtocolHeader)args.UserToken, false, amqpListener.AmqpSettings, connectionSettings.Clone());
            lock (connections)
            {
                connections.Add(connection);
            }

            var opened = connection;
            connection.SafeAddClosed((_, _) =>
            {
                lock (connections)
                {
                    connections.Remove(opened);
                }
            });
            _ = OpenAsync(connection);
        }
        catch (Exception exception) when (exception is AmqpException or InvalidOperationException or ObjectDisposedException)
        {
            if (connection is not null)
            {
                connection.SafeClose(exception);
            }
            else
            {
                args.Transport.Abort();
            }
        }
    }

    private static async Task OpenAsync(AmqpConnection connection)
    {
        try
        {
            await connection.OpenAsync(AmqpConstants.DefaultTimeout);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            connection.SafeClose(exception);
        }
    }

    private async Task SweepAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            Broker.Sweep();
        }
    }
}
