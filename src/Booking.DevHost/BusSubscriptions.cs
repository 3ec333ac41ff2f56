using Booking.Infrastructure.Embedded;

namespace Booking.DevHost;

/// <summary>Connects the Service Bus-triggered functions to the embedded bus, with entity names resolved from settings.</summary>
public static class BusSubscriptions
{
    public static void Connect(WebApplication app, FunctionCatalog catalog)
    {
        var bus = app.Services.GetService<EmbeddedMessageBus>();
        if (bus is null)
        {
            return; // Service Bus is configured: the functions are triggered in Azure, not here.
        }

        foreach (var function in catalog.ServiceBus)
        {
            var entity = Settings.Resolve(app.Configuration, function.Entity);
            var subscription = function.Subscription is null ? null : Settings.Resolve(app.Configuration, function.Subscription);
            bus.Subscribe(entity, subscription, async (message, ct) =>
            {
                await using var scope = app.Services.CreateAsyncScope();
                await FunctionInvoker.InvokeServiceBusAsync(function, scope.ServiceProvider, message, ct);
            });
        }
    }
}
