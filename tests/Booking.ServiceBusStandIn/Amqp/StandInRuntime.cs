using System.Runtime.CompilerServices;
using Booking.ServiceBusStandIn.Entities;
using Booking.ServiceBusStandIn.Management;
using Booking.ServiceBusStandIn.Messages;
using Booking.ServiceBusStandIn.Security;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Framing;
using Microsoft.Azure.Amqp.Transport;

namespace Booking.ServiceBusStandIn.Amqp;

/// <summary>
/// The library's hooks for the listening side: every accepted connection, session and link comes here. A link is
/// routed by its address: $cbs, an entity's $management, a queue or topic (client sends), or a queue,
/// subscription or dead-letter queue (client receives).
/// </summary>
internal sealed class StandInRuntime : IRuntimeProvider
{
    private const uint IncomingCredit = 500;
    private const ulong MaxMessageSize = 256 * 1024;
    private const string SessionFilter = "com.microsoft:session-filter";

    private readonly Broker broker;
    private readonly ServiceBusStandInOptions options;
    private readonly string namespaceUri;
    private readonly ReplyLinks replies = new();
    private readonly CbsNode cbs;
    private readonly ConditionalWeakTable<AmqpConnection, ConnectionAuthorization> authorizations = new();

    public StandInRuntime(Broker broker, ServiceBusStandInOptions options, string namespaceUri)
    {
        this.broker = broker;
        this.options = options;
        this.namespaceUri = namespaceUri;
        cbs = new CbsNode(options, replies);
    }

    public AmqpConnection CreateConnection(TransportBase transport, ProtocolHeader protocolHeader, bool isInitiator, AmqpSettings amqpSettings, AmqpConnectionSettings connectionSettings) =>
        new(transport, protocolHeader, false, amqpSettings, connectionSettings);

    public AmqpSession CreateSession(AmqpConnection connection, AmqpSessionSettings settings) => new(connection, settings, this);

    public AmqpLink CreateLink(AmqpSession session, AmqpLinkSettings settings)
    {
        var clientSends = settings.Role == true;
        var address = clientSends ? (settings.Target as Target)?.Address : (settings.Source as Source)?.Address;
        var path = EntityAddress.Normalize(address);
        var authorization = authorizations.GetValue(session.Connection, _ => new ConnectionAuthorization());

        if (string.Equals(path, EntityAddress.Cbs, StringComparison.OrdinalIgnoreCase))
        {
            return RequestResponseLink(session, settings, clientSends, request => cbs.OnRequest(authorization, request));
        }

        if (EntityAddress.IsManagement(path, out var entityPath))
        {
            Authorize(authorization, path);
            var queue = broker.TryGetReceivable(entityPath, out var receivable) ? receivable : null;
            var owner = broker.TryGetSendable(entityPath, out var sendable) ? sendable : null;
            if (queue is null && owner is null)
            {
                throw NotFound(entityPath);
            }

            var node = new ManagementNode(broker, replies, queue, owner);
            return RequestResponseLink(session, settings, clientSends, node.OnRequest);
        }

        if (!broker.Exists(path))
        {
            throw NotFound(path);
        }

        Authorize(authorization, path);
        return clientSends ? SenderLink(session, settings, path) : ReceiverLink(session, settings, path);
    }

    public IAsyncResult BeginOpenLink(AmqpLink link, TimeSpan timeout, AsyncCallback callback, object state) =>
        CompletedResult.Complete(callback, state);

    public void EndOpenLink(IAsyncResult result)
    {
    }

    private ReceivingAmqpLink SenderLink(AmqpSession session, AmqpLinkSettings settings, string path)
    {
        if (!broker.TryGetSendable(path, out var entity))
        {
            throw new AmqpException(AmqpErrorCode.NotAllowed, $"'{path}' is not a queue or topic: messages cannot be sent to it.");
        }

        PrepareIncoming(settings);
        var link = new ReceivingAmqpLink(session, settings);
        link.RegisterMessageListener(message => OnSend(link, entity, message));
        return link;
    }

    private SendingAmqpLink ReceiverLink(AmqpSession session, AmqpLinkSettings settings, string path)
    {
        if (!broker.TryGetReceivable(path, out var queue))
        {
            throw new AmqpException(AmqpErrorCode.NotAllowed, $"'{path}' is a topic: receive from one of its subscriptions.");
        }

        if ((settings.Source as Source)?.FilterSet?.Any(filter => filter.Key.Key.ToString() == SessionFilter) == true)
        {
            throw new AmqpException(AmqpErrorCode.NotImplemented, $"The stand-in does not implement sessions ('{path}').");
        }

        var link = new SendingAmqpLink(session, settings);
        var consumer = new Consumer(link, queue);
        link.RegisterCreditListener((_, _, _) => broker.Dispatch(queue));
        link.RegisterDispositionListener(delivery => OnDisposition(consumer, delivery));
        link.SafeAddClosed((_, _) => broker.RemoveConsumer(consumer));
        link.Opened += (_, _) => broker.Dispatch(queue);
        broker.AddConsumer(consumer);
        return link;
    }

    private AmqpLink RequestResponseLink(AmqpSession session, AmqpLinkSettings settings, bool clientSends, Action<AmqpMessage> onRequest)
    {
        if (!clientSends)
        {
            var replyLink = new SendingAmqpLink(session, settings);
            replies.Add(replyLink);
            return replyLink;
        }

        PrepareIncoming(settings);
        var link = new ReceivingAmqpLink(session, settings);
        link.RegisterMessageListener(request =>
        {
            try
            {
                onRequest(request);
            }
            finally
            {
                if (!request.Settled)
                {
                    link.DisposeMessage(request, AmqpConstants.AcceptedOutcome, true, false);
                }
            }
        });
        return link;
    }

    private void OnSend(ReceivingAmqpLink link, SendableEntity entity, AmqpMessage message)
    {
        DeliveryState outcome = AmqpConstants.AcceptedOutcome;
        try
        {
            var contents = message.MessageFormat == AmqpConstants.AmqpBatchedMessageFormat
                ? message.DataBody.Select(data => MessageContent.Decode((ArraySegment<byte>)data.Value)).ToList()
                : [MessageContent.CopyOf(message)];
            broker.Send(entity, contents);
        }
        catch (Exception exception) when (exception is FormatException or InvalidCastException or AmqpException or InvalidOperationException)
        {
            outcome = new Rejected { Error = new Error { Condition = AmqpErrorCode.InvalidField, Description = exception.Message } };
        }

        link.DisposeMessage(message, outcome, true, message.Batchable);
    }

    private void OnDisposition(Consumer consumer, Delivery delivery)
    {
        if (Outcomes.ToSettlement(delivery.State) is not { } settlement)
        {
            return;
        }

        var settled = broker.Settle(consumer.Queue, new Guid(delivery.DeliveryTag.AsSpan()), settlement);
        if (!delivery.Settled)
        {
            consumer.Link.DisposeDelivery(delivery, true, settled ? Outcomes.Reply(delivery.State) : Outcomes.LockLost);
        }
    }

    private void Authorize(ConnectionAuthorization authorization, string path)
    {
        if (!authorization.Covers(path, options.TimeProvider.GetUtcNow()))
        {
            throw new AmqpException(AmqpErrorCode.UnauthorizedAccess, $"Unauthorized access to '{namespaceUri}{path}': put a token on $cbs first.");
        }
    }

    private AmqpException NotFound(string path) =>
        new(AmqpErrorCode.NotFound, $"The messaging entity '{namespaceUri}{path}' could not be found.");

    private static void PrepareIncoming(AmqpLinkSettings settings)
    {
        settings.TotalLinkCredit = IncomingCredit;
        settings.AutoSendFlow = true;
        settings.MaxMessageSize = MaxMessageSize;
    }
}
