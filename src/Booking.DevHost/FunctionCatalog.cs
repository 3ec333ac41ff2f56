using System.Reflection;
using Booking.Functions.Bindings;
using Booking.Functions.Http;
using Microsoft.Azure.Functions.Worker;

namespace Booking.DevHost;

/// <summary>A timer-triggered function: its name and schedule expression (possibly a %Setting% reference).</summary>
public sealed record TimerFunction(string Name, string Schedule, MethodInfo Method);

/// <summary>
/// A Service Bus-triggered function: a queue, or a topic and subscription (possibly %Setting% references), and the
/// app-setting prefix of its connection (the attribute's <c>Connection</c>).
/// </summary>
public sealed record ServiceBusFunction(string Name, string Entity, string? Subscription, MethodInfo Method, string? Connection = null);

/// <summary>
/// Reads the function app's own [Function] declarations: the one place routes and schedules are written.
/// Nothing here repeats them.
/// </summary>
public sealed class FunctionCatalog
{
    private FunctionCatalog(IReadOnlyList<DeclaredRoute> http, IReadOnlyList<TimerFunction> timers, IReadOnlyList<ServiceBusFunction> serviceBus)
    {
        Http = http;
        Timers = timers;
        ServiceBus = serviceBus;
    }

    public IReadOnlyList<DeclaredRoute> Http { get; }

    public IReadOnlyList<TimerFunction> Timers { get; }

    public IReadOnlyList<ServiceBusFunction> ServiceBus { get; }

    public static FunctionCatalog Discover(Assembly functionApp)
    {
        var timers = new List<TimerFunction>();
        var serviceBus = new List<ServiceBusFunction>();
        var methods = functionApp.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly));
        foreach (var method in methods)
        {
            var function = method.GetCustomAttribute<FunctionAttribute>();
            if (function is null)
            {
                continue;
            }

            foreach (var parameter in method.GetParameters())
            {
                if (parameter.GetCustomAttribute<TimerTriggerAttribute>() is { } timerTrigger)
                {
                    timers.Add(new TimerFunction(function.Name, timerTrigger.Schedule, method));
                }
                else if (parameter.GetCustomAttribute<ServiceBusTriggerAttribute>() is { } busTrigger)
                {
                    serviceBus.Add(new ServiceBusFunction(function.Name, busTrigger.QueueName ?? busTrigger.TopicName!, busTrigger.SubscriptionName, method, busTrigger.Connection));
                }
            }
        }

        return new FunctionCatalog(DeclaredRoutes.Discover(functionApp).All, timers, serviceBus);
    }
}
