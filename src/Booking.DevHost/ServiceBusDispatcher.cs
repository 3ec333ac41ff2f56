using Azure.Messaging.ServiceBus;
using Booking.Infrastructure.ServiceBus;

namespace Booking.DevHost;

/// <summary>
/// Runs one Service Bus-triggered function for one received message and settles it as the Functions host does in
/// Azure with <c>autoCompleteMessages</c> on: completed when the function returns, abandoned when it throws (so
/// redelivered, and dead-lettered by the broker after the maximum delivery count). A message that can never succeed
/// is the function's to settle: it records it and returns.
/// </summary>
public sealed partial class ServiceBusDispatcher(IServiceProvider services, ILogger<ServiceBusDispatcher> logger)
{
    public async Task DispatchAsync(ServiceBusFunction function, ProcessMessageEventArgs args)
    {
        var received = args.Message;
        try
        {
            await using var scope = services.CreateAsyncScope();
            await FunctionInvoker.InvokeServiceBusAsync(function, scope.ServiceProvider, received.ToBusMessage(), args.CancellationToken);
        }
        catch (Exception failure) when (!args.CancellationToken.IsCancellationRequested)
        {
            // As the Functions host logs a failed invocation: the function, the message and the exception's type (its
            // message may quote data).
            LogFailed(function.Name, received.MessageId, received.DeliveryCount, failure.GetType().FullName ?? failure.GetType().Name);
            await args.AbandonMessageAsync(received, cancellationToken: args.CancellationToken);
            return;
        }

        await args.CompleteMessageAsync(received, args.CancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function} failed on message {MessageId} (delivery {DeliveryCount}): {ExceptionType}; abandoned")]
    private partial void LogFailed(string function, string messageId, int deliveryCount, string exceptionType);
}
