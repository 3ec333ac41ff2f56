using Azure.Messaging.ServiceBus;
using Booking.Infrastructure.ServiceBus;

namespace Booking.DevHost;

/// <summary>
/// Runs one Service Bus-triggered function for one received message and settles it as the Functions host does in
/// Azure with <c>autoCompleteMessages</c> on: completed when the function returns, abandoned when it throws (so
/// redelivered, and dead-lettered by the broker after the maximum delivery count). A message that can never succeed
/// is the function's to settle: it records it and returns.
/// </summary>
public sealed class ServiceBusDispatcher(IServiceProvider services)
{
    public async Task DispatchAsync(ServiceBusFunction function, ProcessMessageEventArgs args)
    {
        var received = args.Message;
        try
        {
            await using var scope = services.CreateAsyncScope();
            await FunctionInvoker.InvokeServiceBusAsync(function, scope.ServiceProvider, received.ToBusMessage(), args.CancellationToken);
        }
        catch (Exception) when (!args.CancellationToken.IsCancellationRequested)
        {
            await args.AbandonMessageAsync(received, cancellationToken: args.CancellationToken);
            return;
        }

        await args.CompleteMessageAsync(received, args.CancellationToken);
    }
}
