using System.Collections.Concurrent;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;

namespace Booking.ServiceBusStandIn.Amqp;

/// <summary>
/// The receiving halves of clients' request-response links ($cbs, $management), by their reply-to address: a
/// response goes to the link whose target is the request's reply-to.
/// </summary>
internal sealed class ReplyLinks
{
    private readonly ConcurrentDictionary<string, SendingAmqpLink> links = new(StringComparer.Ordinal);

    public void Add(SendingAmqpLink link)
    {
        var replyTo = ((Target)link.Settings.Target).Address?.ToString();
        if (replyTo is null)
        {
            return;
        }

        links[replyTo] = link;
        link.SafeAddClosed((_, _) => links.TryRemove(new KeyValuePair<string, SendingAmqpLink>(replyTo, link)));
    }

    /// <summary>Sends a response correlated to the request; dropped if the client's reply link is gone.</summary>
    public void Reply(AmqpMessage request, AmqpMessage response)
    {
        response.Properties.CorrelationId = request.Properties.MessageId;
        var replyTo = request.Properties.ReplyTo?.ToString();
        if (replyTo is not null && links.TryGetValue(replyTo, out var link))
        {
            link.SendMessageNoWait(response, new ArraySegment<byte>(Guid.NewGuid().ToByteArray()), AmqpConstants.NullBinary);
        }
    }
}
