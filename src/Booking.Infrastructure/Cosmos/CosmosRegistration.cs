using Booking.Application.Storage;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Booking.Infrastructure.Cosmos;

public static class CosmosRegistration
{
    /// <summary>
    /// Every <see cref="IDocumentStore{T}"/> on Cosmos DB, configured from the <c>Cosmos</c> section. No expired-document
    /// purger: Cosmos deletes expired items by TTL.
    /// </summary>
    public static IServiceCollection AddCosmosStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CosmosOptions>().Bind(configuration.GetSection(CosmosOptions.Section));
        services.AddSingleton(CosmosContainerMap.Default);
        services.AddSingleton(sp => CosmosClientFactory.Create(
            sp.GetRequiredService<IOptions<CosmosOptions>>().Value,
            sp.GetService<IHostEnvironment>()?.IsDevelopment() ?? false,
            sp.GetRequiredService<Azure.Core.TokenCredential>()));
        services.AddSingleton(sp => new CosmosContainers(
            sp.GetRequiredService<CosmosClient>(),
            sp.GetRequiredService<IOptions<CosmosOptions>>().Value,
            sp.GetRequiredService<CosmosContainerMap>()));
        services.AddSingleton(typeof(IDocumentStore<>), typeof(CosmosDocumentStore<>));
        return services;
    }
}
