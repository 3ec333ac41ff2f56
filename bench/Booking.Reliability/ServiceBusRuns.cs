using System.Security.Cryptography;
using Booking.Reliability.Scenarios;
using Booking.ServiceBusStandIn;
using Booking.ServiceBusStandIn.Configuration;
using Booking.Tests.Shared;

namespace Booking.Reliability;

/// <summary>
/// The Service Bus mode: two DevHost processes on one Cosmos-protocol server and one Service Bus stand-in (an AMQP
/// broker the real SDK talks to), so the functions are driven by Service Bus processors, as in Azure, not by an
/// embedded bus.
/// </summary>
public static class ServiceBusRuns
{
    public static async Task<ScenarioResult> ContentionAsync(RunSettings s)
    {
        Console.WriteLine($"contention-servicebus: {s.Clients} clients, {s.Slots} slots, two DevHost processes on one Cosmos-protocol server and one Service Bus stand-in…");
        await using var shared = await SharedBackends.StartAsync();
        await using var first = await DevHostProcess.StartAsync(shared.HostSettings);
        await using var second = await DevHostProcess.StartAsync(shared.HostSettings);
        Console.WriteLine($"  hosts: pid {first.ProcessId} at {first.Address}, pid {second.ProcessId} at {second.Address}; {shared}");
        using var a = BookingApi.For(first.Address, timeout: Runs.ContentionPatience);
        using var b = BookingApi.For(second.Address, timeout: Runs.ContentionPatience);
        return await ContentionScenario.RunAsync("contention-servicebus", [a, b], new ContentionScenario.Size(s.Clients, s.Slots));
    }

    public static async Task<ScenarioResult> FaultsAsync(RunSettings s)
    {
        Console.WriteLine($"faults-servicebus: {s.Bookings} bookings ({s.Contested} contested) and {s.Cancellations} cancellations over two faulty hosts, Cosmos-protocol server and Service Bus stand-in, Faults:Rate={s.FaultRate} seed {s.Seed}…");
        await using var shared = await SharedBackends.StartAsync();
        Console.WriteLine($"  {shared}");
        await using var hosts = new ServiceBusFaultRunHosts(shared, s.FaultRate, s.Seed, s.ClientMaxAttempts);
        return await FaultScenario.RunAsync(
            "faults-servicebus", hosts, new FaultScenario.Size(s.Bookings, s.Contested, s.Cancellations, s.Concurrency), s.ClientMaxAttempts);
    }
}

/// <summary>
/// What the hosts of a Service Bus run share, as instances in Azure share Cosmos DB, Service Bus and Key Vault: one
/// Cosmos-protocol server and database, one key ring, one Service Bus stand-in (the entities of
/// infra/local/servicebus-config.json plus an audit subscription the run reads events from), and one token signing
/// key, so a token one host issued is accepted by the other.
/// </summary>
public sealed class SharedBackends : IAsyncDisposable
{
    public const string Topic = "appointment-events";
    public const string AuditSubscription = "reliability-audit";

    private readonly LocalCosmosServer _cosmos;
    private readonly string _keyRing;

    private SharedBackends(LocalCosmosServer cosmos, string keyRing, ServiceBusStandIn.ServiceBusStandIn bus, TopicDefinition events)
    {
        _cosmos = cosmos;
        _keyRing = keyRing;
        Bus = bus;
        ConsumerSubscriptions = [.. events.Subscriptions.Select(sub => sub.Name)];
        LockDuration = events.Subscriptions.Max(sub => sub.Settings.LockDuration);
        var database = $"reliability-{Guid.NewGuid():N}"[..40];
        HostSettings =
        [
            "--Storage:Provider=Cosmos", $"--Cosmos:Endpoint={cosmos.Endpoint}", $"--Cosmos:Key={cosmos.Key}",
            $"--Cosmos:DatabaseName={database}", "--Cosmos:AcceptAnyServerCertificate=true", "--Cosmos:CreateIfNotExists=true",
            $"--KeyRing:Directory={keyRing}", $"--ServiceBus:ConnectionString={bus.ConnectionString}",
            $"--Auth:SigningKey={Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}",
        ];
    }

    public ServiceBusStandIn.ServiceBusStandIn Bus { get; }

    /// <summary>The subscriptions of <see cref="Topic"/> that functions consume.</summary>
    public IReadOnlyList<string> ConsumerSubscriptions { get; }

    public IReadOnlyList<string> HostSettings { get; }

    /// <summary>The longest lock of the consumer subscriptions (their dead-letter queues lock as long).</summary>
    public TimeSpan LockDuration { get; }

    public static async Task<SharedBackends> StartAsync()
    {
        Runs.EnsureLocalServersInstalled();
        var entities = EmulatorConfig.Load(Path.Combine(TestPaths.RepositoryRoot, "infra", "local", "servicebus-config.json"));
        var events = entities.Topic(Topic);
        var audited = ServiceBusBusView.WithAudit(entities, Topic, AuditSubscription);
        var cosmos = await LocalCosmosServer.StartAsync();
        var keyRing = Directory.CreateTempSubdirectory("booking-reliability-keyring-").FullName;
        var bus = await ServiceBusStandIn.ServiceBusStandIn.StartAsync(new ServiceBusStandInOptions { Entities = audited });
        return new SharedBackends(cosmos, keyRing, bus, events);
    }

    public IBusView View() => new ServiceBusBusView(Bus.ConnectionString, Topic, ConsumerSubscriptions, AuditSubscription, LockDuration);

    public override string ToString() => $"Cosmos at {_cosmos.Endpoint}; Service Bus stand-in at 127.0.0.1:{Bus.Port}";

    public async ValueTask DisposeAsync()
    {
        await Bus.DisposeAsync();
        await _cosmos.DisposeAsync();
        Directory.Delete(_keyRing, recursive: true);
    }
}

/// <summary>
/// Two host processes over <see cref="SharedBackends"/> for a fault run: faulty hosts (each its own fault seed) for
/// the run itself, plain DevHosts to set up and to inspect.
/// </summary>
public sealed class ServiceBusFaultRunHosts(SharedBackends shared, double rate, int seed, int maxAttempts) : IFaultRunHost, IAsyncDisposable
{
    private readonly List<(DevHostProcess Host, BookingApi Api)> _running = [];
    private IBusView? _view;

    public async Task<IReadOnlyList<BookingApi>> StartAsync(bool withFaults)
    {
        for (var h = 0; h < 2; h++)
        {
            string[] settings = [.. shared.HostSettings, .. withFaults ? FaultScenario.HostSettings(rate, seed + h) : FaultScenario.QuietHostSettings];
            var host = await DevHostProcess.StartAsync(settings, faultInjection: withFaults);
            _running.Add((host, BookingApi.For(host.Address, withFaults ? maxAttempts : 3)));
        }

        return [.. _running.Select(r => r.Api)];
    }

    public async Task StopAsync()
    {
        foreach (var (host, api) in _running)
        {
            api.Dispose();
            await host.StopAsync();
            await host.DisposeAsync();
        }

        _running.Clear();
    }

    public IBusView BusView(IReadOnlyList<BookingApi> hosts) => _view ??= shared.View();

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_view is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }
}
