using Booking.Application.Storage;

namespace Booking.DevHost.StoreOperations;

/// <summary>
/// Development only: every response says which store operations its request made, by kind
/// (<c>X-Store-Operations: read=1, create=2, replace=1, upsert=0, delete=0, query=0</c>), counted at the store port so the
/// header means the same on the embedded store and on Cosmos DB. Outside Development nothing of it is registered.
/// </summary>
public static class StoreOperationsHeader
{
    /// <summary>Puts <see cref="CountingDocumentStore{T}"/> around the store adapter registered so far (registered by type).</summary>
    public static IServiceCollection AddStoreOperationCounting(this IServiceCollection services)
    {
        var registered = services.Single(d => d.ServiceType == typeof(IDocumentStore<>));
        var adapter = registered.ImplementationType
            ?? throw new InvalidOperationException("Counting store operations needs IDocumentStore<> registered by type.");
        services.Remove(registered);
        services.Add(new ServiceDescriptor(adapter, adapter, registered.Lifetime));
        services.AddSingleton(new CountedAdapter(adapter));
        services.Add(new ServiceDescriptor(typeof(IDocumentStore<>), typeof(CountedStoreOf<>), registered.Lifetime));
        return services;
    }

    /// <summary>Counts the request's operations and writes the header when the response starts.</summary>
    public static IApplicationBuilder UseStoreOperationsHeader(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var counts = new StoreOperationCounts();
            StoreOperationCounts.Current = counts;
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[StoreOperationCounts.HeaderName] = counts.ToString();
                return Task.CompletedTask;
            });
            try
            {
                await next(context);
            }
            finally
            {
                StoreOperationCounts.Current = null;
            }
        });

    internal sealed record CountedAdapter(Type OpenGeneric);

    /// <summary>The counting store over the configured adapter for <typeparamref name="T"/>.</summary>
    internal sealed class CountedStoreOf<T>(IServiceProvider services, CountedAdapter adapter)
        : CountingDocumentStore<T>((IDocumentStore<T>)services.GetRequiredService(adapter.OpenGeneric.MakeGenericType(typeof(T))))
        where T : class;
}
