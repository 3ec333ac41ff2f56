using System.Text.Json;
using System.Xml;

namespace Booking.ServiceBusStandIn.Configuration;

/// <summary>
/// Reads the official Service Bus emulator's config file (UserConfig.Namespaces[0]: Queues, Topics, Subscriptions,
/// Rules, each with a Properties object; durations as ISO 8601). Properties the stand-in does not implement
/// (sessions, forwarding) are ignored; a SQL rule is read, a correlation rule is refused.
/// </summary>
public static class EmulatorConfig
{
    public static NamespaceDefinition Load(string path) => Parse(File.ReadAllText(path));

    public static NamespaceDefinition Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var space = Child(document.RootElement, "UserConfig") is { } userConfig
            && Child(userConfig, "Namespaces") is { ValueKind: JsonValueKind.Array } namespaces
            && namespaces.GetArrayLength() > 0
                ? namespaces[0]
                : throw new FormatException("The config has no UserConfig.Namespaces[0].");

        var queues = Items(space, "Queues").Select(ReadQueue).ToList();
        var topics = Items(space, "Topics").Select(ReadTopic).ToList();
        return new NamespaceDefinition(queues, topics);
    }

    private static QueueDefinition ReadQueue(JsonElement queue)
    {
        var properties = Child(queue, "Properties");
        return new QueueDefinition(Name(queue), ReadEntitySettings(properties), ReadDuplicateDetection(properties));
    }

    private static TopicDefinition ReadTopic(JsonElement topic)
    {
        var properties = Child(topic, "Properties");
        var subscriptions = Items(topic, "Subscriptions").Select(ReadSubscription).ToList();
        return new TopicDefinition(
            Name(topic),
            Duration(properties, "DefaultMessageTimeToLive") ?? TimeSpan.MaxValue,
            ReadDuplicateDetection(properties),
            subscriptions);
    }

    private static SubscriptionDefinition ReadSubscription(JsonElement subscription)
    {
        var rules = Items(subscription, "Rules").Select(ReadRule).ToList();
        return new SubscriptionDefinition(Name(subscription), ReadEntitySettings(Child(subscription, "Properties")), rules);
    }

    private static RuleDefinition ReadRule(JsonElement rule)
    {
        var properties = Child(rule, "Properties");
        var filterType = properties is { } p ? Text(p, "FilterType") : null;
        if (filterType is not null && !string.Equals(filterType, "Sql", StringComparison.OrdinalIgnoreCase))
        {
            throw new NotSupportedException($"Rule '{Name(rule)}': only SQL filters are implemented, not '{filterType}'.");
        }

        var expression = properties is { } withFilter && Child(withFilter, "SqlFilter") is { } sqlFilter
            ? Text(sqlFilter, "SqlExpression")
            : null;
        return new RuleDefinition(Name(rule), expression ?? throw new FormatException($"Rule '{Name(rule)}' has no SqlFilter.SqlExpression."));
    }

    private static EntitySettings ReadEntitySettings(JsonElement? properties)
    {
        var defaults = new EntitySettings();
        if (properties is not { } p)
        {
            return defaults;
        }

        return new EntitySettings
        {
            LockDuration = Duration(p, "LockDuration") ?? defaults.LockDuration,
            MaxDeliveryCount = Child(p, "MaxDeliveryCount")?.GetInt32() ?? defaults.MaxDeliveryCount,
            DefaultMessageTimeToLive = Duration(p, "DefaultMessageTimeToLive") ?? defaults.DefaultMessageTimeToLive,
            DeadLetteringOnMessageExpiration = Child(p, "DeadLetteringOnMessageExpiration")?.GetBoolean() ?? false,
        };
    }

    private static DuplicateDetection ReadDuplicateDetection(JsonElement? properties)
    {
        if (properties is not { } p)
        {
            return DuplicateDetection.Off;
        }

        return new DuplicateDetection(
            Child(p, "RequiresDuplicateDetection")?.GetBoolean() ?? false,
            Duration(p, "DuplicateDetectionHistoryTimeWindow") ?? DuplicateDetection.Off.Window);
    }

    private static string Name(JsonElement element) =>
        Text(element, "Name") ?? throw new FormatException($"An entity without a Name: {element}");

    private static TimeSpan? Duration(JsonElement? element, string name) =>
        Text(element, name) is { } iso ? XmlConvert.ToTimeSpan(iso) : null;

    private static string? Text(JsonElement? element, string name) =>
        Child(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static List<JsonElement> Items(JsonElement element, string name) =>
        Child(element, name) is { ValueKind: JsonValueKind.Array } array ? [.. array.EnumerateArray()] : [];

    private static JsonElement? Child(JsonElement? element, string name)
    {
        if (element is not { ValueKind: JsonValueKind.Object } value)
        {
            return null;
        }

        foreach (var property in value.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind != JsonValueKind.Null)
            {
                return property.Value;
            }
        }

        return null;
    }
}
