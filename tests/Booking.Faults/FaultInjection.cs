using Booking.Application.Messaging;
using Booking.Application.Notifications;
using Booking.Application.Storage;
using Booking.Infrastructure.Notifications;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.Faults;

/// <summary>
/// Puts fault injection into a composed app: wraps the stores, the bus and the notification senders already
/// registered with fault-injecting decorators when <c>Faults:Rate</c> is above zero, and serves the counts at
/// <c>/dev/faults</c>. Only tests and the reliability bench call it; the product never does, so the setting alone
/// does nothing.
/// </summary>
public static class FaultInjection
{
    /// <summary>Wraps what is registered so far; call it after <c>AddInfrastructure</c>. Nothing is wrapped unless <c>Faults:Rate</c> &gt; 0.</summary>
    public static IServiceCollection AddFaultInjection(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(FaultOptions.Section).Get<FaultOptions>() ?? new FaultOptions();
        if (!options.Enabled)
        {
            return services;
        }

        services.AddOptions<FaultOptions>().Bind(configuration.GetSection(FaultOptions.Section));
        services.AddSingleton<FaultInjector>();
        var targets = options.ParsedTargets();
        if (targets.Contains(FaultTarget.Store))
        {
            DecorateStores(services);
        }

        if (targets.Contains(FaultTarget.Bus))
        {
            Decorate<IMessageBus>(services, (inner, sp) => new FaultyMessageBus(inner, sp.GetRequiredService<FaultInjector>()));
        }

        if (targets.Contains(FaultTarget.Notifications))
        {
            Decorate<INotificationSender>(services, (inner, sp) => new FaultyNotificationSender(inner, sp.GetRequiredService<FaultInjector>()));
        }

        return services;
    }

    /// <summary>For a host's builder hook (<c>DevHostApp.Build(args, b =&gt; b.AddFaultInjection(), …)</c>): runs after the host registered its adapters.</summary>
    public static WebApplicationBuilder AddFaultInjection(this WebApplicationBuilder builder)
    {
        builder.Services.AddFaultInjection(builder.Configuration);
        return builder;
    }

    /// <summary>
    /// <c>GET /dev/faults</c>: how many calls fault injection let through and failed, by target and kind, and how many
    /// repeated sends of one delivery the local notification sink did not deliver again; 404 when faults are off.
    /// </summary>
    public static IEndpointRouteBuilder MapFaultCounts(this IEndpointRouteBuilder app)
    {
        app.MapGet("/dev/faults", (IServiceProvider services, InMemoryNotificationSink sink) =>
            services.GetService<FaultInjector>() is { } faults
                ? Results.Json(new { injected = faults.Counts(), notificationRepeatsIgnored = sink.RepeatsIgnored })
                : Results.NotFound());
        return app;
    }

    // IDocumentStore<> is an open generic: the adapter's type is registered as itself and the decorator asks for it.
    private static void DecorateStores(IServiceCollection services)
    {
        var registered = services.Single(d => d.ServiceType == typeof(IDocumentStore<>));
        var adapter = registered.ImplementationType
            ?? throw new InvalidOperationException("Fault injection needs IDocumentStore<> registered by type.");
        services.Remove(registered);
        services.Add(new ServiceDescriptor(adapter, adapter, registered.Lifetime));
        services.AddSingleton(new StoreAdapter(adapter));
        services.Add(new ServiceDescriptor(typeof(IDocumentStore<>), typeof(FaultyStoreOf<>), registered.Lifetime));
    }

    private static void Decorate<TService>(IServiceCollection services, Func<TService, IServiceProvider, TService> decorate)
        where TService : class
    {
        foreach (var registered in services.Where(d => d.ServiceType == typeof(TService)).ToList())
        {
            var index = services.IndexOf(registered);
            services[index] = new ServiceDescriptor(typeof(TService), sp => decorate(Resolve<TService>(registered, sp), sp), registered.Lifetime);
        }
    }

    private static TService Resolve<TService>(ServiceDescriptor registered, IServiceProvider sp) =>
        (TService)(registered.ImplementationInstance
            ?? registered.ImplementationFactory?.Invoke(sp)
            ?? ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!));

    internal sealed record StoreAdapter(Type OpenGeneric);

    /// <summary>The fault-injecting store over the configured adapter for <typeparamref name="T"/>.</summary>
    internal sealed class FaultyStoreOf<T>(IServiceProvider services, StoreAdapter adapter, FaultInjector faults)
        : FaultyDocumentStore<T>((IDocumentStore<T>)services.GetRequiredService(adapter.OpenGeneric.MakeGenericType(typeof(T))), faults)
        where T : class;
}
