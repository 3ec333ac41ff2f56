using System.Text.Json.Nodes;

namespace Booking.Reliability.Scenarios;

/// <summary>What the bus of a fault run carried and still holds, read from wherever that bus lives.</summary>
public interface IBusView
{
    /// <summary>
    /// How long a drain waits with nothing moving before it stops: longer than this bus keeps a message out of reach
    /// after a failed attempt (a dead letter a failed redrive left locked, a lock lost with a crash).
    /// </summary>
    TimeSpan QuietPeriod { get; }

    /// <summary>Every event message published on <c>appointment-events</c> (bodies), repeats included.</summary>
    Task<IReadOnlyList<JsonNode>> EventsAsync();

    /// <summary>The event messages in the dead-letter queues, counted by "subscription (reason)".</summary>
    Task<IReadOnlyDictionary<string, int>> DeadLettersAsync();

    /// <summary>Messages still waiting in the event subscriptions, by subscription; null when the bus cannot tell.</summary>
    Task<IReadOnlyDictionary<string, int>?> LeftoversAsync();

    /// <summary>
    /// Whether the consumers still hold messages they have not settled (available or locked); null when this view
    /// cannot tell. A drain is idle only once this is not true; a check for what a sweep sends again waits for it to be false.
    /// </summary>
    async Task<bool?> BusyAsync() => await LeftoversAsync() is { } leftovers ? leftovers.Values.Sum() > 0 : null;
}

/// <summary>The embedded bus of one host, through its Development endpoints.</summary>
public sealed class EmbeddedBusView(BookingApi api) : IBusView
{
    /// <summary>The embedded bus gives a failed message back at once.</summary>
    public TimeSpan QuietPeriod => TimeSpan.FromSeconds(20);

    public async Task<IReadOnlyList<JsonNode>> EventsAsync() =>
        (await api.GetAsync("/dev/bus/appointment-events")).Body!.AsArray()
            .Select(m => JsonNode.Parse(m!["body"]!.GetValue<string>())!).ToList();

    public async Task<IReadOnlyDictionary<string, int>> DeadLettersAsync() =>
        (await api.GetAsync("/dev/bus/appointment-events/deadletter")).Body!.AsArray()
            .GroupBy(m => $"{m!["subscription"]?.GetValue<string>() ?? "?"} ({m["deadLetterReason"]?.GetValue<string>().Split(' ')[^1]})")
            .ToDictionary(g => g.Key, g => g.Count());

    public Task<IReadOnlyDictionary<string, int>?> LeftoversAsync() => Task.FromResult<IReadOnlyDictionary<string, int>?>(null);
}
