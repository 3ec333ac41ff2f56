namespace Booking.Infrastructure.Embedded;

/// <summary>Settings of the embedded bus (section <c>EmbeddedBus</c>).</summary>
public sealed class EmbeddedBusOptions
{
    /// <summary>
    /// How long a message handed to a consumer stays locked (renewed while the consumer runs): after a crash, what it
    /// held is handed out again once this has passed. One minute, as the deployed subscriptions have.
    /// </summary>
    public TimeSpan LockDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often an idle consumer looks for messages another process sent (this process's own wake it at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How many messages of one subscription a consumer in this process handles at once.</summary>
    public int MaxConcurrentCalls { get; set; } = 1;
}
