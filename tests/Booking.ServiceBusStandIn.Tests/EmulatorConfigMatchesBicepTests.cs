using System.Text.Json;
using Booking.ServiceBusStandIn.Configuration;
using Booking.Tests.Shared;

namespace Booking.ServiceBusStandIn.Tests;

/// <summary>
/// infra/local/servicebus-config.json (what the stand-in and the official emulator load) describes the same
/// entities as the Bicep that deploys Service Bus, property by property. Bicep leaves Service Bus's defaults
/// unsaid; the loader applies the same defaults, so both sides compare as values.
/// </summary>
public sealed class EmulatorConfigMatchesBicepTests(BicepTopology bicep) : IClassFixture<BicepTopology>
{
    private static readonly NamespaceDefinition Config =
        EmulatorConfig.Load(Path.Combine(TestPaths.RepositoryRoot, "infra", "local", "servicebus-config.json"));

    private static readonly EntitySettings Defaults = new();

    [Fact]
    public void ConfigHasTheQueuesBicepDeploys() =>
        Assert.Equal(
            bicep.OfType(BicepTopology.QueueType).Select(BicepTopology.LocalName).Order(),
            Config.Queues.Select(queue => queue.Name).Order());

    [Fact]
    public void ConfigHasTheTopicsBicepDeploys() =>
        Assert.Equal(
            bicep.OfType(BicepTopology.TopicType).Select(BicepTopology.LocalName).Order(),
            Config.Topics.Select(topic => topic.Name).Order());

    [Fact]
    public void ConfigHasTheSubscriptionsBicepDeploys() =>
        Assert.Equal(
            bicep.OfType(BicepTopology.SubscriptionType).Select(BicepTopology.LocalName).Order(),
            Config.Topics.SelectMany(topic => topic.Subscriptions.Select(subscription => $"{topic.Name}/{subscription.Name}")).Order());

    [Fact]
    public void QueuesHaveBicepsDeliveryLockExpiryAndDuplicateSettings()
    {
        Assert.All(bicep.OfType(BicepTopology.QueueType), resource =>
        {
            var queue = Config.Queue(BicepTopology.LocalName(resource));
            AssertSameSettings(resource, queue.Settings);
            AssertSameDuplicateDetection(resource, queue.DuplicateDetection);
        });
    }

    [Fact]
    public void TopicsHaveBicepsExpiryAndDuplicateSettings()
    {
        Assert.All(bicep.OfType(BicepTopology.TopicType), resource =>
        {
            var topic = Config.Topic(BicepTopology.LocalName(resource));
            Assert.Equal(BicepTopology.Duration(resource, "defaultMessageTimeToLive") ?? TimeSpan.MaxValue, topic.DefaultMessageTimeToLive);
            AssertSameDuplicateDetection(resource, topic.DuplicateDetection);
        });
    }

    [Fact]
    public void SubscriptionsHaveBicepsDeliveryLockAndExpirySettings()
    {
        Assert.All(bicep.OfType(BicepTopology.SubscriptionType), resource =>
        {
            var (topic, name) = Split(BicepTopology.LocalName(resource));
            var subscription = Config.Topic(topic).Subscriptions.Single(s => s.Name == name);
            AssertSameSettings(resource, subscription.Settings);
        });
    }

    [Fact]
    public void SubscriptionRulesHaveBicepsSqlFilters()
    {
        var bicepRules = bicep.OfType(BicepTopology.RuleType)
            .Select(resource => (
                Name: BicepTopology.LocalName(resource),
                Filter: resource.GetProperty("properties").GetProperty("sqlFilter").GetProperty("sqlExpression").GetString()))
            .OrderBy(rule => rule.Name)
            .ToList();
        var configRules = Config.Topics
            .SelectMany(topic => topic.Subscriptions.SelectMany(subscription => subscription.Rules.Select(rule => (
                Name: $"{topic.Name}/{subscription.Name}/{rule.Name}",
                Filter: (string?)rule.SqlExpression))))
            .OrderBy(rule => rule.Name)
            .ToList();

        Assert.NotEmpty(bicepRules);
        Assert.Equal(bicepRules, configRules);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task StandInFiltersPartnerResultsAsTheBicepRuleSays(bool withPartnerIds)
    {
        var rule = Assert.Single(withPartnerIds ? bicep.ResourcesWithPartners : bicep.Resources, r =>
            string.Equals(r.GetProperty("type").GetString(), BicepTopology.RuleType, StringComparison.OrdinalIgnoreCase));
        var expression = rule.GetProperty("properties").GetProperty("sqlFilter").GetProperty("sqlExpression").GetString()!;
        var (topic, subscription) = Split(BicepTopology.LocalName(rule));
        var entities = new NamespaceDefinition(
            [],
            [new TopicDefinition(topic, TimeSpan.MaxValue, DuplicateDetection.Off, [new SubscriptionDefinition(subscription, new EntitySettings(), [new RuleDefinition("$Default", expression)])])]);
        await using var standIn = await ServiceBusStandIn.StartAsync(new ServiceBusStandInOptions { Entities = entities });
        await using var client = new ServiceBusClient(standIn.ConnectionString, TestBus.FastRetries());
        await using var sender = client.CreateSender(topic);
        string?[] partnerIds = [.. BicepTopology.PartnerIds, "partner-z", null];
        await sender.SendMessagesAsync(partnerIds.Select(id =>
        {
            var message = new ServiceBusMessage(id ?? "none") { MessageId = id ?? "none" };
            if (id is not null)
            {
                message.ApplicationProperties["partnerId"] = id;
            }

            return message;
        }));

        await using var receiver = client.CreateReceiver(topic, subscription, new ServiceBusReceiverOptions { ReceiveMode = ServiceBusReceiveMode.ReceiveAndDelete });
        var accepted = new List<string>();
        while (await receiver.ReceiveMessageAsync(TimeSpan.FromMilliseconds(500)) is { } message)
        {
            accepted.Add(message.MessageId);
        }

        Assert.Equal(withPartnerIds ? BicepTopology.PartnerIds : [.. BicepTopology.PartnerIds, "partner-z"], accepted);
    }

    [Fact]
    public async Task StandInStartsFromTheRepositoryConfig()
    {
        await using var standIn = await ServiceBusStandIn.StartAsync(new ServiceBusStandInOptions { Entities = Config });
        await using var client = new ServiceBusClient(standIn.ConnectionString, TestBus.FastRetries());
        await using var sender = client.CreateSender("partner-booking-results");
        await sender.SendMessagesAsync([
            new ServiceBusMessage("no partner"),
            new ServiceBusMessage("for a partner") { ApplicationProperties = { ["partnerId"] = "p-1" } },
        ]);

        await using var receiver = client.CreateReceiver("partner-booking-results", "partner-results");
        var message = await TestBus.ReceiveOneAsync(receiver);
        Assert.Equal("for a partner", message.Body.ToString());
        Assert.Equal(new EntityCounts(0, 1, 0), standIn.GetCounts(receiver.EntityPath)); // only that one, locked: "no partner" never got in
    }

    // The request's body carries the patient's details in clear: on expiry it must be gone, not dead-lettered.
    [Fact]
    public async Task StandInExpiresAPartnerRequestAfterAnHourOrItsOwnShorterLifeAndKeepsNoDeadLetterCopy()
    {
        const string queue = "partner-booking-requests";
        var clock = TestBus.Clock();
        await using var standIn = await ServiceBusStandIn.StartAsync(new ServiceBusStandInOptions { Entities = Config, TimeProvider = clock });
        await using var client = new ServiceBusClient(standIn.ConnectionString, TestBus.FastRetries());
        await using var sender = client.CreateSender(queue);
        await sender.SendMessagesAsync([
            new ServiceBusMessage("kept") { MessageId = "kept" },
            new ServiceBusMessage("brief") { MessageId = "brief", TimeToLive = TimeSpan.FromMilliseconds(300) },
        ]);
        await using var receiver = client.CreateReceiver(queue);
        Assert.Equal(TimeSpan.FromHours(1), Assert.Single(await receiver.PeekMessagesAsync(10), m => m.MessageId == "kept").TimeToLive);

        clock.Advance(TimeSpan.FromMilliseconds(300));

        await TestBus.UntilAsync(() => standIn.GetCounts(queue).Total == 1, "the brief request to expire");
        Assert.Equal(["kept"], (await receiver.PeekMessagesAsync(10, fromSequenceNumber: 0)).Select(m => m.MessageId));
        Assert.Equal(0, standIn.GetCounts($"{queue}/$DeadLetterQueue").Total);

        // Read from the stand-in itself from here: the client's token is no longer valid an hour on.
        clock.Advance(TimeSpan.FromHours(1));

        await TestBus.UntilAsync(() => standIn.GetCounts(queue).Total == 0, "the kept request to expire after an hour");
        Assert.Equal(0, standIn.GetCounts($"{queue}/$DeadLetterQueue").Total);
    }

    private static void AssertSameSettings(JsonElement resource, EntitySettings settings)
    {
        var name = BicepTopology.LocalName(resource);
        Assert.True(BicepTopology.Property(resource, "maxDeliveryCount")?.GetInt32() == settings.MaxDeliveryCount
            || (BicepTopology.Property(resource, "maxDeliveryCount") is null && settings.MaxDeliveryCount == Defaults.MaxDeliveryCount),
            $"{name}: MaxDeliveryCount {settings.MaxDeliveryCount} in the config.");
        Assert.Equal(BicepTopology.Duration(resource, "lockDuration") ?? Defaults.LockDuration, settings.LockDuration);
        Assert.Equal(BicepTopology.Duration(resource, "defaultMessageTimeToLive") ?? Defaults.DefaultMessageTimeToLive, settings.DefaultMessageTimeToLive);
        Assert.Equal(BicepTopology.Property(resource, "deadLetteringOnMessageExpiration")?.GetBoolean() ?? false, settings.DeadLetteringOnMessageExpiration);
    }

    private static void AssertSameDuplicateDetection(JsonElement resource, DuplicateDetection detection)
    {
        var name = BicepTopology.LocalName(resource);
        Assert.True(
            (BicepTopology.Property(resource, "requiresDuplicateDetection")?.GetBoolean() ?? false) == detection.Enabled,
            $"{name}: duplicate detection {(detection.Enabled ? "on" : "off")} in the config.");
        if (detection.Enabled)
        {
            Assert.Equal(BicepTopology.Duration(resource, "duplicateDetectionHistoryTimeWindow") ?? DuplicateDetection.Off.Window, detection.Window);
        }
    }

    private static (string Topic, string Name) Split(string path)
    {
        var parts = path.Split('/');
        return (parts[0], parts[1]);
    }
}
