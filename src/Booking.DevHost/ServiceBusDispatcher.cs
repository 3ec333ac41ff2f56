using Azure.Messaging.ServiceBus;
using Booking.Application.Messaging;
using Booking.Infrastructure.ServiceBus;

namespace Booking.DevHost;

/// <summary>
/// Runs one Service Bus-triggered function for one received message and settles it explicitly: completed when the
/// function returns, dead-lettered at once with the reason of a <see cref="PoisonMessageException"/>, abandoned
/// (so redelivered, and dead-lettered by the broker after the maximum delivery count) on any other failure.
/// </summary>
public sealed class ServiceBusDispatcher(IServiceProvider services)
{
    public async Task DispatchAsync(ServiceBusFunction function, ProcessMessageEventArgs args)
    {
        var received = args.Message;
        var message = received.ToBusMessage();
        try
        {
            await using var scope = services.CreateAsyncScope();
            await FunctionInvoker.InvokeServiceBusAsync(function, scope.ServiceProvider, message, args.CancellationToken);
            await args.CompleteMessageAsync(received, args.CancellationToken);
        }
        catch (PoisonMessageException poison)
        {
            await args.DeadLetterMessageAsync(received, poison.Reason, "Refused by " + function.Name, args.CancellationToken);
        }
        catch (Exception) when (!args.CancellationToken.IsCancellationRequested)
        {
            await args.AbandonMessageAsync(received, cancellationToken: args.CancellationToken);
        }
    }
}
