using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace Booking.Functions.Bindings;

/// <summary>
/// The project's own Service Bus trigger declaration (the worker extension package is not available here).
/// Its name gives the binding type <c>serviceBusTrigger</c> in functions.metadata; in Azure the host's Service Bus
/// extension (switched on at publish by <c>EnableServiceBusHostExtension=true</c>) delivers the message body as
/// a string, completes it when the function returns and abandons it when it throws, and dead-letters it after
/// the subscription's maximum delivery count. The local host delivers from its embedded bus the same way.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class ServiceBusTriggerAttribute : TriggerBindingAttribute
{
    public ServiceBusTriggerAttribute(string queueName) => QueueName = queueName;

    public ServiceBusTriggerAttribute(string topicName, string subscriptionName)
    {
        TopicName = topicName;
        SubscriptionName = subscriptionName;
    }

    public string? QueueName { get; }

    public string? TopicName { get; }

    public string? SubscriptionName { get; }

    /// <summary>The app-setting prefix of the identity-based connection (<c>ServiceBusConnection__fullyQualifiedNamespace</c>).</summary>
    public string? Connection { get; set; }

    public bool IsSessionsEnabled { get; set; }

    public bool AutoCompleteMessages { get; set; } = true;

    // The worker's metadata generator needs the Abstractions DefaultValue here, or it emits no metadata at all.
    [DefaultValue(false)]
    public bool IsBatched { get; set; }
}
