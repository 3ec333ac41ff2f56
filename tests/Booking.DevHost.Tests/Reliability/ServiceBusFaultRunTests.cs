using Booking.DevHost.Tests.Cosmos;
using Booking.Reliability.Scenarios;
using Booking.ServiceBusStandIn;
using Booking.ServiceBusStandIn.Configuration;
using Booking.Tests.Shared;

namespace Booking.DevHost.Tests.Reliability;

/// <summary>
/// The reliability bench's fault run in its Service Bus mode, smaller: two hosts on one Cosmos database and one Service
/// Bus stand-in, so redeliveries, dead-lettering and the redrive are the broker's. bench/Booking.Reliability runs
/// 300 bookings at 20 % (<c>faults-servicebus</c>).
/// </summary>
[Collection(CosmosHostCollection.Name)]
public sealed class ServiceBusFaultRunTests(CosmosServerFixture cosmos, Xunit.Abstractions.ITestOutputHelper output)
{
    private const string Topic = "appointment-events";
    private const string Audit = "reliability-audit";

    // 10 %, as FaultRunTests, for the same reason: at 20 % a confirmation's ten deliveries all fail about once in a few hundred.
    [Fact]
    public async Task OverTwoHostsOnServiceBusUnderTenPercentFaultsEveryAcceptedBookingIsNotifiedExactlyOnce()
    {
        var entities = EmulatorConfig.Load(Path.Combine(TestPaths.RepositoryRoot, "infra", "local", "servicebus-config.json"));
        await using var bus = await ServiceBusStandIn.ServiceBusStandIn.StartAsync(new ServiceBusStandInOptions { Entities = ServiceBusBusView.WithAudit(entities, Topic, Audit) });
        var events = entities.Topic(Topic);
        await using var view = new ServiceBusBusView(
            bus.ConnectionString, Topic, [.. events.Subscriptions.Select(s => s.Name)], Audit, events.Subscriptions.Max(s => s.Settings.LockDuration));
        var keyRing = Directory.CreateTempSubdirectory("booking-shared-keyring-").FullName;
        string[] shared =
        [
            .. cosmos.HostArgs(CosmosServerFixture.NewDatabaseName()),
            $"--KeyRing:Directory={keyRing}",
            $"--ServiceBus:ConnectionString={bus.ConnectionString}",
            $"--Auth:SigningKey={Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))}",
        ];
        ScenarioResult result;
        try
        {
            await using var hosts = new InProcessHosts(shared, view, rate: 0.1, seed: 4321, maxAttempts: 60);
            result = await FaultScenario.RunAsync(
                "faults-servicebus", hosts, new FaultScenario.Size(Bookings: 30, Contested: 5, Cancellations: 10, Concurrency: 16), 60);
        }
        finally
        {
            Directory.Delete(keyRing, recursive: true);
        }

        output.WriteLine(result.CountsLine);
        Assert.True(result.Passed, result.Failures);
        Assert.Equal(2, result.Counts["hosts"]);
    }

    /// <summary>Two in-process hosts over the shared Cosmos database and bus: with fault injection for the run, plain otherwise.</summary>
    private sealed class InProcessHosts(string[] shared, IBusView view, double rate, int seed, int maxAttempts) : IFaultRunHost, IAsyncDisposable
    {
        private readonly List<(DevHostFixture Host, BookingApi Api)> _running = [];

        public async Task<IReadOnlyList<BookingApi>> StartAsync(bool withFaults)
        {
            for (var h = 0; h < 2; h++)
            {
                var host = withFaults
                    ? await DevHostFixture.StartWithFaultInjectionAsync(null, [.. shared, .. FaultScenario.HostSettings(rate, seed + h, timeoutMilliseconds: 20), FaultRunTests.Sweeper])
                    : await DevHostFixture.StartAsync(extraArgs: [.. shared, .. FaultScenario.QuietHostSettings, FaultRunTests.Sweeper]);
                _running.Add((host, BookingApi.For(host.Client.Http.BaseAddress!, withFaults ? maxAttempts : 3)));
            }

            return [.. _running.Select(r => r.Api)];
        }

        public async Task StopAsync()
        {
            foreach (var (host, api) in _running)
            {
                api.Dispose();
                await host.DisposeAsync();
            }

            _running.Clear();
        }

        public IBusView BusView(IReadOnlyList<BookingApi> hosts) => new InProcessBusView(view, [.. _running.Select(r => r.Host.Services)]);

        public async ValueTask DisposeAsync() => await StopAsync();
    }
}
