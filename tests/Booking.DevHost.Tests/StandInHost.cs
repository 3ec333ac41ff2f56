using System.Text.Json.Nodes;
using Azure.Messaging.ServiceBus;
using Booking.ServiceBusStandIn;
using Booking.ServiceBusStandIn.Configuration;
using Booking.Tests.Shared;
using StandIn = Booking.ServiceBusStandIn.ServiceBusStandIn;

namespace Booking.DevHost.Tests;

/// <summary>
/// The local host on the Service Bus stand-in (the deployed entities of infra/local/servicebus-config.json, plus any
/// a test adds), a real SDK client for the test's own sends and reads, and polling with deadlines. As an xUnit class
/// fixture it is the host with its in-memory notification sinks; a subclass passes other entities or host settings.
/// </summary>
public class StandInHost : IAsyncLifetime
{
    private readonly Func<NamespaceDefinition, NamespaceDefinition>? _entities;
    private readonly string[] _hostArgs;

    public StandInHost()
        : this(null)
    {
    }

    /// <param name="entities">changes the deployed entities (adds a test queue, say)</param>
    /// <param name="hostArgs">more host settings (<c>--Section:Key=value</c>)</param>
    protected StandInHost(Func<NamespaceDefinition, NamespaceDefinition>? entities, params string[] hostArgs)
    {
        _entities = entities;
        _hostArgs = hostArgs;
    }

    public StandIn Bus { get; private set; } = null!;

    public DevHostFixture Host { get; private set; } = null!;

    public ServiceBusClient Client { get; private set; } = null!;

    public ApiClient Api => Host.Client;

    public static NamespaceDefinition DeployedEntities() =>
        EmulatorConfig.Load(Path.Combine(TestPaths.RepositoryRoot, "infra", "local", "servicebus-config.json"));

    public async Task InitializeAsync()
    {
        var deployed = DeployedEntities();
        Bus = await StandIn.StartAsync(new ServiceBusStandInOptions { Entities = _entities?.Invoke(deployed) ?? deployed });
        Host = await DevHostFixture.StartAsync(extraArgs: [$"--ServiceBus:ConnectionString={Bus.ConnectionString}", .. _hostArgs]);
        Client = new ServiceBusClient(Bus.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await Client.DisposeAsync();
        await Host.DisposeAsync();
        await Bus.DisposeAsync();
    }

    /// <summary>Waits until neither <paramref name="entityPath"/> nor its dead-letter queue holds a message.</summary>
    public Task DrainedAsync(string entityPath) =>
        EventuallyAsync(() => Task.FromResult(Bus.GetCounts(entityPath).Total + Bus.GetCounts(entityPath + "/$DeadLetterQueue").Total == 0), $"{entityPath} or its dead-letter queue still holds a message.");

    /// <summary>The <c>MessageRefused</c> alerts about <paramref name="messageId"/> on <c>operator-alerts</c>, read (peeked) from its <c>operators</c> subscription.</summary>
    public async Task<List<JsonNode>> RefusalAlertsAsync(string messageId)
    {
        await using var receiver = Client.CreateReceiver("operator-alerts", "operators");
        var alerts = new List<JsonNode>();
        for (IReadOnlyList<ServiceBusReceivedMessage> page; (page = await receiver.PeekMessagesAsync(100)).Count > 0;)
        {
            alerts.AddRange(page.Select(m => JsonNode.Parse(m.Body.ToString())!));
        }

        return alerts.Where(a => a["type"]!.GetValue<string>() == "MessageRefused" && a["messageId"]!.GetValue<string>() == messageId).ToList();
    }

    /// <summary>Waits until <paramref name="count"/> refusal alerts about <paramref name="messageId"/> have been sent.</summary>
    public async Task<List<JsonNode>> RefusalAlertsAsync(string messageId, int count)
    {
        List<JsonNode> alerts = [];
        await EventuallyAsync(async () => (alerts = await RefusalAlertsAsync(messageId)).Count >= count, $"Fewer than {count} refusal alerts about {messageId}.");
        return alerts;
    }

    /// <summary>
    /// Sends to <c>partner-booking-requests</c> as partner software does: the body, and the partner's id and
    /// <paramref name="signature"/> as application properties (each left out when null).
    /// </summary>
    public async Task SendPartnerRequestAsync(string body, string messageId, JsonNode? partner, string? signature)
    {
        var message = new ServiceBusMessage(BinaryData.FromString(body)) { MessageId = messageId, ContentType = "application/json" };
        if (partner is not null)
        {
            message.ApplicationProperties["partnerId"] = partner["partnerId"]!.GetValue<string>();
        }

        if (signature is not null)
        {
            message.ApplicationProperties["signature"] = signature;
        }

        await using var sender = Client.CreateSender("partner-booking-requests");
        await sender.SendMessageAsync(message);
    }

    /// <summary>Lines the consumer logged when it refused <paramref name="messageId"/>: one per delivery.</summary>
    public int RefusalsLogged(string consumer, string messageId) =>
        Host.LogLines.Count(l => l.Contains($"{consumer} refused message {messageId}:", StringComparison.Ordinal));

    public static async Task EventuallyAsync(Func<Task<bool>> done, string failure, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(50);
        }
    }
}
