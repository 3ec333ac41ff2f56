using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Encoding;
using Microsoft.Azure.Amqp.Framing;

namespace Booking.ServiceBusStandIn.Messages;

/// <summary>
/// The sections a sender wrote (header, message annotations, properties, application properties, body), copied
/// out of the library's pooled buffers so the message outlives its transfer. Sending it again writes the same
/// message id, correlation id, subject, content type, properties and body bytes.
/// </summary>
internal sealed class MessageContent
{
    private MessageContent()
    {
    }

    public Header? Header { get; private init; }

    public Properties? Properties { get; private init; }

    public Dictionary<string, object?> ApplicationProperties { get; private init; } = new(StringComparer.Ordinal);

    public Dictionary<string, object?> MessageAnnotations { get; private init; } = new(StringComparer.Ordinal);

    public SectionFlag BodyType { get; private init; }

    public IReadOnlyList<byte[]> DataBody { get; private init; } = [];

    public object? ValueBody { get; private init; }

    public IReadOnlyList<AmqpSequence> SequenceBody { get; private init; } = [];

    public DateTime? ScheduledEnqueueTimeUtc =>
        MessageAnnotations.TryGetValue(AnnotationNames.ScheduledEnqueueTime, out var value) && value is DateTime at && at > DateTime.MinValue
            ? at.ToUniversalTime()
            : null;

    public static MessageContent CopyOf(AmqpMessage message)
    {
        var sections = message.Sections;
        var bodyType = message.BodyType;
        return new MessageContent
        {
            Header = (sections & SectionFlag.Header) != 0 ? CopyHeader(message.Header) : null,
            Properties = (sections & SectionFlag.Properties) != 0 ? CopyProperties(message.Properties) : null,
            ApplicationProperties = (sections & SectionFlag.ApplicationProperties) != 0 ? CopyMap(message.ApplicationProperties.Map) : new(StringComparer.Ordinal),
            MessageAnnotations = (sections & SectionFlag.MessageAnnotations) != 0 ? CopyMap(message.MessageAnnotations.Map) : new(StringComparer.Ordinal),
            BodyType = bodyType,
            DataBody = bodyType == SectionFlag.Data ? message.DataBody.Select(data => Bytes(data.Value)).ToList() : [],
            ValueBody = bodyType == SectionFlag.AmqpValue ? Detach(message.ValueBody.Value) : null,
            SequenceBody = bodyType == SectionFlag.AmqpSequence ? message.SequenceBody.ToList() : [],
        };
    }

    /// <summary>Decodes one encoded AMQP message (a part of a batch, or a message in a $management request).</summary>
    public static MessageContent Decode(ArraySegment<byte> encoded)
    {
        using var message = AmqpMessage.CreateAmqpStreamMessage(new BufferListStream([encoded]), true);
        return CopyOf(message);
    }

    public MessageContent Copy() => new()
    {
        Header = Header,
        Properties = Properties,
        ApplicationProperties = new Dictionary<string, object?>(ApplicationProperties, StringComparer.Ordinal),
        MessageAnnotations = new Dictionary<string, object?>(MessageAnnotations, StringComparer.Ordinal),
        BodyType = BodyType,
        DataBody = DataBody,
        ValueBody = ValueBody,
        SequenceBody = SequenceBody,
    };

    public void SetApplicationProperty(string name, object? value) => ApplicationProperties[name] = Detach(value);

    public bool TryGetApplicationProperty(string name, out object? value)
    {
        if (ApplicationProperties.TryGetValue(name, out value))
        {
            return true;
        }

        foreach (var pair in ApplicationProperties)
        {
            if (string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                value = pair.Value;
                return true;
            }
        }

        return false;
    }

    public object? GetSystemProperty(string name) => name.ToUpperInvariant() switch
    {
        "MESSAGEID" => Properties?.MessageId?.ToString(),
        "CORRELATIONID" => Properties?.CorrelationId?.ToString(),
        "LABEL" or "SUBJECT" => Properties?.Subject,
        "TO" => Properties?.To?.ToString(),
        "REPLYTO" => Properties?.ReplyTo?.ToString(),
        "CONTENTTYPE" => Properties?.ContentType.Value,
        "SESSIONID" => Properties?.GroupId,
        _ => null,
    };

    public AmqpMessage ToAmqpMessage()
    {
        var message = BodyType switch
        {
            SectionFlag.AmqpValue => AmqpMessage.Create(new AmqpValue { Value = ValueBody }),
            SectionFlag.AmqpSequence => AmqpMessage.Create(SequenceBody),
            _ => AmqpMessage.Create(DataBody.Select(bytes => new Data { Value = new ArraySegment<byte>(bytes) }).ToList()),
        };

        if (Header is { } header)
        {
            message.Header.Durable = header.Durable;
            message.Header.Priority = header.Priority;
            message.Header.Ttl = header.Ttl;
            message.Header.FirstAcquirer = header.FirstAcquirer;
        }

        if (Properties is { } properties)
        {
            CopyProperties(properties, message.Properties);
        }

        foreach (var pair in ApplicationProperties)
        {
            message.ApplicationProperties.Map[new MapKey(pair.Key)] = pair.Value;
        }

        foreach (var pair in MessageAnnotations)
        {
            message.MessageAnnotations.Map[new MapKey(pair.Key)] = pair.Value;
        }

        return message;
    }

    private static Header CopyHeader(Header header) => new()
    {
        Durable = header.Durable,
        Priority = header.Priority,
        Ttl = header.Ttl,
        FirstAcquirer = header.FirstAcquirer,
    };

    private static Properties CopyProperties(Properties source, Properties? target = null)
    {
        target ??= new Properties();
        target.MessageId = source.MessageId;
        target.UserId = source.UserId.Array is null ? default : new ArraySegment<byte>(source.UserId.ToArray());
        target.To = source.To;
        target.Subject = source.Subject;
        target.ReplyTo = source.ReplyTo;
        target.CorrelationId = source.CorrelationId;
        target.ContentType = source.ContentType;
        target.ContentEncoding = source.ContentEncoding;
        target.AbsoluteExpiryTime = source.AbsoluteExpiryTime;
        target.CreationTime = source.CreationTime;
        target.GroupId = source.GroupId;
        target.GroupSequence = source.GroupSequence;
        target.ReplyToGroupId = source.ReplyToGroupId;
        return target;
    }

    private static Dictionary<string, object?> CopyMap(PropertiesMap map)
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var pair in map)
        {
            copy[pair.Key.Key.ToString()!] = Detach(pair.Value);
        }

        return copy;
    }

    private static Dictionary<string, object?> CopyMap(Annotations map)
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var pair in map)
        {
            copy[pair.Key.Key.ToString()!] = Detach(pair.Value);
        }

        return copy;
    }

    private static byte[] Bytes(object? value) => value switch
    {
        ArraySegment<byte> segment => segment.ToArray(),
        byte[] bytes => (byte[])bytes.Clone(),
        null => [],
        _ => throw new InvalidOperationException($"A data section holds {value.GetType()}."),
    };

    private static object? Detach(object? value) => value is ArraySegment<byte> segment ? new ArraySegment<byte>(segment.ToArray()) : value;
}
