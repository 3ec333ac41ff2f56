using Booking.ServiceBusStandIn.Amqp;
using Booking.ServiceBusStandIn.Entities;
using Booking.ServiceBusStandIn.Messages;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Encoding;

namespace Booking.ServiceBusStandIn.Management;

/// <summary>
/// An entity's $management node: com.microsoft:renew-lock, peek-message, schedule-message and
/// cancel-scheduled-message, with the request and response maps the SDK uses (statusCode, statusDescription,
/// errorCondition in the response's application properties).
/// </summary>
internal sealed class ManagementNode(Broker broker, ReplyLinks replies, MessageQueue? queue, SendableEntity? owner)
{
    private const string LockLost = "com.microsoft:message-lock-lost";

    public void OnRequest(AmqpMessage request)
    {
        var operation = request.ApplicationProperties.Map.TryGetValue<string>("operation", out var op) ? op : null;
        var body = request.ValueBody?.Value as AmqpMap ?? new AmqpMap();
        ManagementResponse response;
        try
        {
            response = operation switch
            {
                "com.microsoft:renew-lock" => RenewLock(body),
                "com.microsoft:peek-message" => Peek(body),
                "com.microsoft:schedule-message" => Schedule(body),
                "com.microsoft:cancel-scheduled-message" => CancelScheduled(body),
                "com.microsoft:update-disposition" => UpdateDisposition(body),
                "com.microsoft:receive-by-sequence-number" => ReceiveBySequenceNumber(body),
                _ => ManagementResponse.Error(501, "amqp:not-implemented", $"The stand-in does not implement '{operation}'."),
            };
        }
        catch (Exception exception) when (exception is InvalidCastException or KeyNotFoundException or FormatException or NullReferenceException)
        {
            response = ManagementResponse.Error(400, "amqp:invalid-field", exception.Message);
        }

        replies.Reply(request, response.ToMessage());
    }

    private ManagementResponse RenewLock(AmqpMap body)
    {
        if (queue is null)
        {
            return ManagementResponse.Error(400, "amqp:not-allowed", "Locks are renewed on a queue or subscription.");
        }

        var tokens = (Guid[])body[new MapKey("lock-tokens")];
        var expirations = broker.RenewLocks(queue, tokens);
        if (expirations.Any(expiration => expiration is null))
        {
            return ManagementResponse.Error(410, LockLost, "The lock supplied is invalid. Either the lock expired, or the message has already been removed from the queue.");
        }

        return ManagementResponse.Ok(new AmqpMap { [new MapKey("expirations")] = expirations.Select(expiration => expiration!.Value).ToArray() });
    }

    /// <summary>How the SDK settles by lock token over $management (it dead-letters with a reason this way).</summary>
    private ManagementResponse UpdateDisposition(AmqpMap body)
    {
        if (queue is null)
        {
            return ManagementResponse.Error(400, "amqp:not-allowed", "Messages are settled on a queue or subscription.");
        }

        var tokens = (Guid[])body[new MapKey("lock-tokens")];
        var status = (string)body[new MapKey("disposition-status")];
        var properties = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (body[new MapKey("properties-to-modify")] is AmqpMap modify)
        {
            foreach (var pair in modify)
            {
                properties[pair.Key.Key.ToString()!] = pair.Value;
            }
        }

        var kind = status switch
        {
            "completed" => SettlementKind.Complete,
            "abandoned" => SettlementKind.Abandon,
            "suspended" => SettlementKind.DeadLetter,
            "defered" or "deferred" => SettlementKind.Defer,
            _ => throw new FormatException($"Unknown disposition-status '{status}'."),
        };
        var settlement = new Settlement(
            kind,
            properties,
            body[new MapKey("deadletter-reason")] as string,
            body[new MapKey("deadletter-description")] as string);
        var settled = tokens.Select(token => broker.Settle(queue, token, settlement)).ToList();
        return settled.All(ok => ok)
            ? ManagementResponse.Ok(new AmqpMap())
            : ManagementResponse.Error(410, LockLost, "The lock supplied is invalid. Either the lock expired, or the message has already been removed from the queue.");
    }

    private ManagementResponse ReceiveBySequenceNumber(AmqpMap body)
    {
        if (queue is null)
        {
            return ManagementResponse.Error(400, "amqp:not-allowed", "Deferred messages are received from a queue or subscription.");
        }

        var sequenceNumbers = (long[])body[new MapKey("sequence-numbers")];
        var peekLock = body[new MapKey("receiver-settle-mode")] is not uint mode || mode != 0;
        var received = broker.ReceiveDeferred(queue, sequenceNumbers, peekLock);
        if (received is null)
        {
            return ManagementResponse.Error(404, "com.microsoft:message-not-found", "A message with that sequence number is not deferred here.");
        }

        var messages = received
            .Select(item =>
            {
                var entry = new AmqpMap { [new MapKey("message")] = new ArraySegment<byte>(Encode(item.Message)) };
                if (item.LockToken is { } token)
                {
                    entry[new MapKey("lock-token")] = token;
                }

                return entry;
            })
            .ToList();
        return ManagementResponse.Ok(new AmqpMap { [new MapKey("messages")] = messages });
    }

    private ManagementResponse Peek(AmqpMap body)
    {
        var from = Convert.ToInt64(body[new MapKey("from-sequence-number")], System.Globalization.CultureInfo.InvariantCulture);
        var count = Convert.ToInt32(body[new MapKey("message-count")], System.Globalization.CultureInfo.InvariantCulture);
        var messages = broker.Peek(queue, owner, from, count);
        if (messages.Count == 0)
        {
            return ManagementResponse.Error(204, null, "No messages to peek.");
        }

        var encoded = messages
            .Select(message => new AmqpMap { [new MapKey("message")] = new ArraySegment<byte>(Encode(message)) })
            .ToList();
        return ManagementResponse.Ok(new AmqpMap { [new MapKey("messages")] = encoded });
    }

    private ManagementResponse Schedule(AmqpMap body)
    {
        if (owner is null)
        {
            return ManagementResponse.Error(400, "amqp:not-allowed", "Messages are scheduled on a queue or topic.");
        }

        var requests = (IEnumerable<object>)body[new MapKey("messages")];
        var contents = requests
            .Cast<AmqpMap>()
            .Select(item => MessageContent.Decode((ArraySegment<byte>)item[new MapKey("message")]))
            .ToList();
        var sequenceNumbers = broker.Send(owner, contents).Select(number => number ?? 0L).ToArray();
        return ManagementResponse.Ok(new AmqpMap { [new MapKey("sequence-numbers")] = sequenceNumbers });
    }

    private ManagementResponse CancelScheduled(AmqpMap body)
    {
        if (owner is null)
        {
            return ManagementResponse.Error(400, "amqp:not-allowed", "Scheduled messages belong to a queue or topic.");
        }

        var sequenceNumbers = (long[])body[new MapKey("sequence-numbers")];
        broker.CancelScheduled(owner, sequenceNumbers);
        return ManagementResponse.Ok(new AmqpMap());
    }

    private static byte[] Encode(AmqpMessage message)
    {
        using var stream = message.ToStream();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
