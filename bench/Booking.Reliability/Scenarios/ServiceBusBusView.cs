using System.Text.Json.Nodes;
using Azure.Messaging.ServiceBus;
using Booking.ServiceBusStandIn.Configuration;

namespace Booking.Reliability.Scenarios;

/// <summary>
/// A Service Bus namespace (the stand-in) read through the real SDK, by peeking, so nothing is settled: the event
/// messages from an audit subscription that no function consumes (it receives a copy of every message published on
/// the topic), the dead letters and leftovers from each consumer subscription and its <c>$DeadLetterQueue</c>.
/// </summary>
public sealed class ServiceBusBusView(string connectionString, string topic, IReadOnlyList<string> subscriptions, string auditSubscription, TimeSpan lockDuration)
    : IBusView, IAsyncDisposable
{
    private const int PageSize = 250;
    private readonly ServiceBusClient _client = new(connectionString);

    /// <summary>
    /// A message a stopped host held comes back only when its lock expires: wait out one lock, and some.
    /// </summary>
    public TimeSpan QuietPeriod => lockDuration + TimeSpan.FromSeconds(20);

    public async Task<IReadOnlyList<JsonNode>> EventsAsync() =>
        (await PeekAllAsync(auditSubscription, SubQueue.None)).Select(m => JsonNode.Parse(m.Body.ToString())!).ToList();

    public async Task<IReadOnlyDictionary<string, int>> DeadLettersAsync()
    {
        var counts = new Dictionary<string, int>();
        foreach (var subscription in subscriptions)
        {
            foreach (var g in (await PeekAllAsync(subscription, SubQueue.DeadLetter)).GroupBy(m => m.DeadLetterReason ?? "?"))
            {
                counts[$"{subscription} ({g.Key})"] = g.Count();
            }
        }

        return counts;
    }

    public async Task<IReadOnlyDictionary<string, int>?> LeftoversAsync()
    {
        var counts = new Dictionary<string, int>();
        foreach (var subscription in subscriptions)
        {
            counts[subscription] = (await PeekAllAsync(subscription, SubQueue.None)).Count;
        }

        return counts;
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();

    /// <summary><paramref name="entities"/> with <paramref name="auditSubscription"/> added to <paramref name="topic"/>: a subscription no function consumes.</summary>
    public static NamespaceDefinition WithAudit(NamespaceDefinition entities, string topic, string auditSubscription)
    {
        var audited = entities.Topic(topic);
        return entities with
        {
            Topics = [.. entities.Topics.Select(t => t == audited
                ? t with { Subscriptions = [.. t.Subscriptions, new SubscriptionDefinition(auditSubscription, new EntitySettings(), [])] }
                : t)],
        };
    }

    private async Task<List<ServiceBusReceivedMessage>> PeekAllAsync(string subscription, SubQueue subQueue)
    {
        await using var receiver = _client.CreateReceiver(topic, subscription, new ServiceBusReceiverOptions { SubQueue = subQueue });
        var all = new List<ServiceBusReceivedMessage>();
        while (true)
        {
            // Each peek goes on after the last message this receiver peeked.
            var page = await receiver.PeekMessagesAsync(PageSize);
            if (page.Count == 0)
            {
                return all;
            }

            all.AddRange(page);
        }
    }
}
