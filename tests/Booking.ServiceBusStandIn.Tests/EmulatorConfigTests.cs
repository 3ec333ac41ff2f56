using Booking.ServiceBusStandIn.Configuration;

namespace Booking.ServiceBusStandIn.Tests;

public sealed class EmulatorConfigTests
{
    [Fact]
    public void ConfigIsReadWithServiceBusDefaultsForWhatItLeavesOut()
    {
        var entities = EmulatorConfig.Parse("""
            { "UserConfig": { "Namespaces": [ {
                "Name": "ns",
                "Queues": [ { "Name": "q", "Properties": { "MaxDeliveryCount": 4, "LockDuration": "PT5S", "RequiresDuplicateDetection": true } } ],
                "Topics": [ { "Name": "t", "Properties": { "DefaultMessageTimeToLive": "P1D" },
                    "Subscriptions": [ { "Name": "s", "Rules": [ { "Name": "r", "Properties": { "FilterType": "Sql", "SqlFilter": { "SqlExpression": "EXISTS(x)" } } } ] } ] } ]
            } ] } }
            """);

        var queue = entities.Queue("q");
        Assert.Equal(4, queue.Settings.MaxDeliveryCount);
        Assert.Equal(TimeSpan.FromSeconds(5), queue.Settings.LockDuration);
        Assert.Equal(TimeSpan.MaxValue, queue.Settings.DefaultMessageTimeToLive);
        Assert.False(queue.Settings.DeadLetteringOnMessageExpiration);
        Assert.Equal(new DuplicateDetection(true, TimeSpan.FromMinutes(10)), queue.DuplicateDetection);
        var topic = entities.Topic("t");
        Assert.Equal(TimeSpan.FromDays(1), topic.DefaultMessageTimeToLive);
        var subscription = Assert.Single(topic.Subscriptions);
        Assert.Equal(10, subscription.Settings.MaxDeliveryCount);
        Assert.Equal(new RuleDefinition("r", "EXISTS(x)"), Assert.Single(subscription.Rules));
    }

    [Fact]
    public void CorrelationRuleIsRefusedRatherThanIgnored() =>
        Assert.Throws<NotSupportedException>(() => EmulatorConfig.Parse("""
            { "UserConfig": { "Namespaces": [ { "Topics": [ { "Name": "t", "Subscriptions": [ { "Name": "s",
                "Rules": [ { "Name": "r", "Properties": { "FilterType": "Correlation", "CorrelationFilter": { "Label": "x" } } } ] } ] } ] } ] } }
            """));
}
