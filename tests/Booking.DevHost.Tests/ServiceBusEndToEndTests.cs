using Azure.Messaging.ServiceBus;
using Booking.ServiceBusStandIn;
using Booking.ServiceBusStandIn.Configuration;
using Booking.Tests.Shared;
using StandIn = Booking.ServiceBusStandIn.ServiceBusStandIn;

namespace Booking.DevHost.Tests;

/// <summary>
/// The local host on Service Bus instead of its embedded bus: the outbox publishes through ServiceBusMessageBus and
/// the functions are driven by SDK processors, against the Service Bus stand-in loaded with the deployed entities
/// (infra/local/servicebus-config.json).
/// </summary>
public sealed class ServiceBusEndToEndTests : IAsyncLifetime
{
    private StandIn _bus = null!;
    private DevHostFixture _host = null!;

    private ApiClient Api => _host.Client;

    public async Task InitializeAsync()
    {
        var entities = EmulatorConfig.Load(Path.Combine(TestPaths.RepositoryRoot, "infra", "local", "servicebus-config.json"));
        _bus = await StandIn.StartAsync(new ServiceBusStandInOptions { Entities = entities });
        _host = await DevHostFixture.StartAsync(extraArgs: $"--ServiceBus:ConnectionString={_bus.ConnectionString}");
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _bus.DisposeAsync();
    }

    [Fact]
    public async Task ABookingIsConfirmedByEmailThroughServiceBusAndLeavesNoMessageBehind()
    {
        var practitioner = await Scenario.PractitionerAsync(Api);
        var slot = (await Scenario.FreeSlotIdsAsync(Api, practitioner.Id))[0];
        var patient = await Api.TokenAsync("patient-a", "patient");

        await Api.PostAsync("/api/appointments", Scenario.Booking(slot), patient, "n-1");

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await Api.GetAsync("/dev/notifications")).Body.AsArray().Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "No notification was sent within 30 s.");
            await Task.Delay(100);
        }

        var sent = (await Api.GetAsync("/dev/notifications")).Body.AsArray();
        Assert.Equal("confirmation", Assert.Single(sent, n => n!["channel"]!.GetValue<string>() == "email")!["kind"]!.GetValue<string>());
        await using var client = new ServiceBusClient(_bus.ConnectionString);
        foreach (var subscription in new[] { "email-confirmations", "sms-confirmations", "partner-notifications" })
        {
            await using var receiver = client.CreateReceiver("appointment-events", subscription);
            await using var deadLetters = client.CreateReceiver("appointment-events", subscription, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
            Assert.Null(await deadLetters.PeekMessageAsync());
            var waitUntil = DateTime.UtcNow.AddSeconds(10);
            while (await receiver.PeekMessageAsync() is not null)
            {
                Assert.True(DateTime.UtcNow < waitUntil, $"{subscription} still holds a message.");
                await Task.Delay(100);
            }
        }
    }
}
