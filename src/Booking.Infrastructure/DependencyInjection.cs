using Booking.Application.Common;
using Booking.Application.Retention;
using Booking.Application.Storage;
using Booking.Infrastructure.Auth;
using Booking.Infrastructure.Cosmos;
using Booking.Infrastructure.Embedded;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.Infrastructure;

public static class DependencyInjection
{
    /// <summary>
    /// Picks the adapters from configuration. <c>Storage:Provider</c>: <c>Embedded</c> (default) keeps data in an
    /// SQLite file under <c>Storage:DataDirectory</c> (in memory when unset); <c>Cosmos</c> uses Cosmos DB (section <c>Cosmos</c>).
    /// Outside the Development environment (<paramref name="environmentName"/>), any development stand-in is refused
    /// (<see cref="ProductionConfiguration"/>), and partner webhooks may not go to loopback.
    /// </summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration, string environmentName)
    {
        ProductionConfiguration.RefuseOutsideDevelopment(configuration, environmentName);
        services.Configure<Application.Partners.WebhookTargetOptions>(o => o.LoopbackAllowed = ProductionConfiguration.IsDevelopment(environmentName));
        services.AddSingleton(_ => AppIdentity.Credential(configuration));
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection("Auth"));
        // Bearer tokens come from issuers on the real clock: checked against it even where the app runs on a simulated one
        // (the local host's tests move that clock days ahead with tokens minted before).
        services.AddSingleton<ICallerAuthenticator>(sp => new JwtCallerAuthenticator(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<AuthOptions>>(), TimeProvider.System));
        services.AddSingleton<DevelopmentTokenIssuer>();

        var provider = configuration["Storage:Provider"] ?? "Embedded";
        if (provider.Equals("Cosmos", StringComparison.OrdinalIgnoreCase))
        {
            services.AddCosmosStorage(configuration);
        }
        else if (provider.Equals("Embedded", StringComparison.OrdinalIgnoreCase))
        {
            AddEmbeddedDatabase(services, configuration);
            services.AddSingleton(typeof(IDocumentStore<>), typeof(EmbeddedDocumentStore<>));
            services.AddSingleton<IRetentionPurger, EmbeddedExpiredPurger>();
        }
        else
        {
            throw new InvalidOperationException($"Storage:Provider '{provider}' is not known; use Embedded or Cosmos.");
        }

        PrivacyAdapters.Add(services, configuration, configuration["Storage:DataDirectory"]);
        MessagingAdapters.Add(services, configuration);
        return services;
    }

    /// <summary>The embedded database (SQLite, under <c>Storage:DataDirectory</c>), for the embedded store, the embedded bus, or both.</summary>
    internal static void AddEmbeddedDatabase(IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(EmbeddedDatabase)))
        {
            return;
        }

        services.AddOptions<EmbeddedStorageOptions>().Configure(o =>
        {
            o.DataDirectory = configuration["Storage:DataDirectory"];
            o.FlushToDisk = bool.TryParse(configuration["Storage:FlushToDisk"], out var flush) && flush;
        });
        services.AddSingleton<EmbeddedDatabase>();
    }
}
