namespace Booking.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed class ServiceBusTests(CompiledInfra infra)
{
    private const string NamespaceType = "Microsoft.ServiceBus/namespaces";
    private const string TopicType = "Microsoft.ServiceBus/namespaces/topics";
    private const string SubscriptionType = "Microsoft.ServiceBus/namespaces/topics/subscriptions";
    private const string QueueType = "Microsoft.ServiceBus/namespaces/queues";
    private const string RuleType = "Microsoft.ServiceBus/namespaces/topics/subscriptions/rules";

    private string Name(string key) => infra.AppSettings.ServiceBusName(key);

    private static JsonElement Subscription(DeploymentSnapshot snapshot, string topic, string subscription) =>
        snapshot.Find(SubscriptionType, $"{topic}/{subscription}")
        ?? throw new Xunit.Sdk.XunitException($"No subscription {topic}/{subscription}.");

    [Fact]
    public void ServiceBusNamespaceDisablesLocalAuth()
    {
        var serviceBus = Assert.Single(ArmTemplate.Declared(infra.Template, NamespaceType));

        Assert.True(serviceBus.Properties.BoolAt("disableLocalAuth"));
        Assert.Equal("1.2", serviceBus.Properties.StringAt("minimumTlsVersion"));
    }

    [Fact]
    public void ServiceBusIsStandardWithoutPrivateEndpointsAndPremiumWithThem()
    {
        Assert.Equal("Standard", infra.Dev.Only(NamespaceType).StringAt("sku", "name"));
        Assert.Equal("Premium", infra.Prod.Only(NamespaceType).StringAt("sku", "name"));
    }

    [Fact]
    public void EveryQueueTopicAndSubscriptionTheCodeUsesExists()
    {
        Assert.NotEmpty(infra.AppSettings.ServiceBus);
        Assert.All(infra.AppSettings.ServiceBus, setting =>
        {
            var type = setting.Key switch
            {
                _ when setting.Key.EndsWith("Topic", StringComparison.Ordinal) => TopicType,
                _ when setting.Key.EndsWith("Subscription", StringComparison.Ordinal) => SubscriptionType,
                _ when setting.Key.EndsWith("Queue", StringComparison.Ordinal) => QueueType,
                _ => throw new Xunit.Sdk.XunitException($"ServiceBus:{setting.Key} is not named as a Topic, Subscription or Queue."),
            };
            Assert.True(infra.Dev.OfType(type).Any(entity => entity.StringAt("name")!.EndsWith($"/{setting.Value}", StringComparison.Ordinal)),
                $"No {type} named '{setting.Value}' (ServiceBus:{setting.Key}).");
        });
    }

    [Fact]
    public void AppointmentEventsTopicDetectsDuplicatesWithinTenMinutes()
    {
        var topic = infra.Dev.Find(TopicType, Name("AppointmentEventsTopic"))!.Value;

        Assert.True(topic.BoolAt("properties", "requiresDuplicateDetection"));
        Assert.Equal("PT10M", topic.StringAt("properties", "duplicateDetectionHistoryTimeWindow"));
    }

    [Fact]
    public void AppointmentEventSubscriptionsDeliverTenTimesThenDeadLetter()
    {
        var topic = Name("AppointmentEventsTopic");
        foreach (var key in new[] { "EmailConfirmationsSubscription", "SmsConfirmationsSubscription", "PartnerNotificationsSubscription", "AvailabilitySummariesSubscription" })
        {
            var subscription = Subscription(infra.Dev, topic, Name(key));
            Assert.Equal(10, subscription.IntAt("properties", "maxDeliveryCount"));
            Assert.True(subscription.BoolAt("properties", "deadLetteringOnMessageExpiration"));
        }
    }

    [Fact]
    public void PartnerBookingRequestsQueueDetectsDuplicatesAndDeadLettersAfterFiveDeliveries()
    {
        var queue = infra.Dev.Find(QueueType, Name("PartnerBookingRequestsQueue"))!.Value;

        Assert.True(queue.BoolAt("properties", "requiresDuplicateDetection"));
        Assert.Equal(5, queue.IntAt("properties", "maxDeliveryCount"));
    }

    // A request's body carries the patient's details in clear: an unhandled one must expire soon and leave no copy.
    [Fact]
    public void PartnerBookingRequestsExpireAfterAnHourByDefaultWithoutADeadLetterCopy()
    {
        Assert.All(new[] { infra.Dev, infra.Prod }, snapshot =>
        {
            var queue = snapshot.Find(QueueType, Name("PartnerBookingRequestsQueue"))!.Value;
            Assert.Equal("PT1H", queue.StringAt("properties", "defaultMessageTimeToLive"));
            Assert.False(queue.BoolAt("properties", "deadLetteringOnMessageExpiration"));
        });
    }

    [Fact]
    public void PartnerBookingRequestsTimeToLiveIsTheParameters()
    {
        var queue = infra.WithPartners.Find(QueueType, Name("PartnerBookingRequestsQueue"))!.Value;

        Assert.Equal("PT20M", queue.StringAt("properties", "defaultMessageTimeToLive"));
        Assert.False(queue.BoolAt("properties", "deadLetteringOnMessageExpiration"));
    }

    [Fact]
    public void PartnerResultsSubscriptionAcceptsOnlyMessagesCarryingPartnerIdByDefault()
    {
        var rule = infra.Dev.Find(RuleType, $"{Name("PartnerBookingResultsTopic")}/partner-results/$Default")!.Value;

        Assert.Equal("SqlFilter", rule.StringAt("properties", "filterType"));
        Assert.Equal("EXISTS(partnerId)", rule.StringAt("properties", "sqlFilter", "sqlExpression"));
    }

    [Fact]
    public void PartnerResultsSubscriptionFiltersOnConfiguredPartnerIdsWithQuotesEscaped()
    {
        var rule = infra.WithPartners.Find(RuleType, $"{Name("PartnerBookingResultsTopic")}/partner-results/$Default")!.Value;

        Assert.Equal("partnerId IN ('partner-a', 'o''brien')", rule.StringAt("properties", "sqlFilter", "sqlExpression"));
        Assert.Single(infra.WithPartners.OfType(SubscriptionType), subscription =>
            subscription.StringAt("name")!.Contains($"/{Name("PartnerBookingResultsTopic")}/", StringComparison.Ordinal));
    }

    [Fact]
    public void OperatorAlertsTopicHasOperatorsSubscription()
    {
        var operators = Subscription(infra.Dev, Name("OperatorAlertsTopic"), "operators");

        Assert.True(operators.BoolAt("properties", "deadLetteringOnMessageExpiration"));
    }

    // Service Bus triggers on Flex Consumption scale only if the trigger connection's identity may Manage: the scale
    // controller reads the entities' message counts with it. Data Owner carries Manage, Send and Listen.
    [Fact]
    public void AppIdentityIsServiceBusDataOwnerOnTheNamespaceSoTriggersScale()
    {
        Assert.All(new[] { infra.Dev, infra.Prod }, snapshot =>
        {
            var namespaceId = snapshot.Only(NamespaceType).StringAt("id")!;
            Assert.Single(AppIdentity.RoleAssignmentsOn(snapshot, Roles.ServiceBusDataOwner, namespaceId));
        });
    }

    [Fact]
    public void AppIdentityHoldsNoServiceBusRoleBesideDataOwner()
    {
        Assert.Empty(AppIdentity.RoleAssignments(infra.Dev, Roles.ServiceBusDataSender));
        Assert.Empty(AppIdentity.RoleAssignments(infra.Dev, Roles.ServiceBusDataReceiver));
    }
}
