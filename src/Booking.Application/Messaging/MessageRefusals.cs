using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Booking.Application.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Booking.Application.Messaging;

/// <summary>
/// Settles a message that can never succeed (not an event, a bad signature, an invalid body): instead of failing
/// the delivery, which in Azure would be redelivered up to the maximum delivery count and then dead-lettered as if an
/// outage had defeated it, the consumer records it here and returns. Operators read it as a <c>MessageRefused</c>
/// alert on <c>operator-alerts</c> and as a warning in the logs: the consumer, the message id and the rule, never the content.
/// </summary>
public sealed partial class MessageRefusals(IMessageBus bus, IOptions<MessagingOptions> options, TimeProvider time, ILogger<MessageRefusals> logger)
{
    public const string AlertType = "MessageRefused";

    public async Task RecordAsync(string consumer, string messageId, string reason, CancellationToken ct)
    {
        LogRefused(consumer, messageId, reason);
        // One alert per refused delivery of a message: a message delivered twice is refused twice, the alert sent once.
        var alertId = "refused-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(consumer + "\n" + messageId)))[..32];
        var alert = new RefusedMessageAlert(alertId, AlertType, consumer, messageId, reason, time.GetCurrentInstant());
        await bus.SendAsync(
            options.Value.OperatorAlertsTopic,
            new BusMessage(alertId, JsonSerializer.Serialize(alert, JsonDefaults.Options), new Dictionary<string, string> { ["type"] = AlertType }),
            ct);
    }

    [LoggerMessage(EventId = 4100, EventName = "MessageRefused", Level = LogLevel.Warning, Message = "{Consumer} refused message {MessageId}: {Reason}")]
    private partial void LogRefused(string consumer, string messageId, string reason);
}

/// <summary>The body of a <c>MessageRefused</c> alert on <c>operator-alerts</c>: ids and the rule only.</summary>
public sealed record RefusedMessageAlert(string AlertId, string Type, string Consumer, string MessageId, string Reason, NodaTime.Instant At);
