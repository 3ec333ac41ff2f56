using System.Reflection;
using Booking.Functions.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;

namespace Booking.DevHost;

/// <summary>
/// Calls a function method the way the Functions worker binds it: the trigger (HttpRequest or TimerInfo),
/// route values by parameter name, and the CancellationToken; the function class comes from DI.
/// </summary>
public static class FunctionInvoker
{
    // An action descriptor only carries the route to a result; its constructor draws a GUID (a tenth of a slot
    // listing's CPU when made per request), so one serves every request.
    private static readonly ActionDescriptor NoAction = new();
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, ObjectFactory> Factories = new();

    public static async Task InvokeHttpAsync(DeclaredRoute function, HttpContext context)
    {
        var args = function.Method.GetParameters().Select(p => p switch
        {
            _ when p.ParameterType == typeof(HttpRequest) => context.Request,
            _ when p.ParameterType == typeof(CancellationToken) => context.RequestAborted,
            _ when p.ParameterType == typeof(string) => (object?)context.GetRouteValue(p.Name!)?.ToString(),
            _ => throw new NotSupportedException($"{function.Name}: parameter {p.Name} of type {p.ParameterType} cannot be bound by the local host."),
        }).ToArray();

        var result = await InvokeAsync(function.Method, context.RequestServices, args);
        if (result is IActionResult action)
        {
            await action.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), NoAction));
        }
    }

    public static async Task InvokeTimerAsync(TimerFunction function, IServiceProvider services, CancellationToken ct)
    {
        var args = function.Method.GetParameters().Select(p => p switch
        {
            _ when p.ParameterType == typeof(TimerInfo) => new TimerInfo(),
            _ when p.ParameterType == typeof(CancellationToken) => (object)ct,
            _ => throw new NotSupportedException($"{function.Name}: parameter {p.Name} of type {p.ParameterType} cannot be bound by the local host."),
        }).ToArray();
        await InvokeAsync(function.Method, services, args);
    }

    /// <summary>
    /// Binds as the Functions host does: the trigger parameter gets the body (string or bytes), a parameter named
    /// <c>applicationProperties</c> the message's application properties, one named <c>messageId</c> its id (the host's
    /// binding data), and the CancellationToken.
    /// </summary>
    public static async Task InvokeServiceBusAsync(ServiceBusFunction function, IServiceProvider services, Application.Messaging.BusMessage message, CancellationToken ct)
    {
        var args = function.Method.GetParameters().Select(p => p switch
        {
            _ when p.GetCustomAttribute<Functions.Bindings.ServiceBusTriggerAttribute>() is not null =>
                p.ParameterType == typeof(byte[]) ? System.Text.Encoding.UTF8.GetBytes(message.Body) : (object)message.Body,
            _ when p.Name == "applicationProperties" => (object)message.ApplicationProperties.ToDictionary(kv => kv.Key, kv => (object)kv.Value),
            _ when p.Name == "messageId" => message.MessageId,
            _ when p.ParameterType == typeof(CancellationToken) => (object)ct,
            _ => throw new NotSupportedException($"{function.Name}: parameter {p.Name} of type {p.ParameterType} cannot be bound by the local host."),
        }).ToArray();
        await InvokeAsync(function.Method, services, args);
    }

    private static async Task<object?> InvokeAsync(MethodInfo method, IServiceProvider services, object?[] args)
    {
        // As the worker does: a new instance of the function's class per invocation, its constructor found once.
        var target = method.IsStatic
            ? null
            : services.GetService(method.DeclaringType!)
              ?? Factories.GetOrAdd(method.DeclaringType!, type => ActivatorUtilities.CreateFactory(type, Type.EmptyTypes))(services, null);
        object? returned;
        try
        {
            returned = method.Invoke(target, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }

        switch (returned)
        {
            case Task task:
                await task;
                var resultProperty = task.GetType().GetProperty("Result");
                return task.GetType().IsGenericType ? resultProperty?.GetValue(task) : null;
            default:
                return returned;
        }
    }
}
