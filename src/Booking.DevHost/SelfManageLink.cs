using Booking.Application.Notifications;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration.Json;

namespace Booking.DevHost;

/// <summary>
/// In Development, notifications link to this host's own manage page (<c>http://localhost:7071/manage/{token}</c>),
/// unless <c>Notifications:ManageLinkTemplate</c> is set by something other than the app's shipped appsettings.json
/// (whose example link leads nowhere): the command line, an environment variable, another settings file.
/// </summary>
public static class SelfManageLink
{
    public const string Key = "Notifications:ManageLinkTemplate";

    public static IServiceCollection AddSelfManageLink(this IServiceCollection services, IConfigurationRoot configuration)
    {
        if (IsConfigured(configuration))
        {
            return services;
        }

        // Options are built on first use, when a notification goes out: by then the server listens and knows its
        // port, also when it was asked for port 0.
        services.AddOptions<NotificationOptions>().PostConfigure<IServer>((options, server) =>
        {
            if (server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() is { } address)
            {
                options.ManageLinkTemplate = Origin(address) + "/manage/{token}";
            }
        });
        return services;
    }

    /// <summary>True when a source other than the shipped appsettings.json gives the template.</summary>
    public static bool IsConfigured(IConfigurationRoot configuration) =>
        configuration.Providers.Reverse().FirstOrDefault(provider => provider.TryGet(Key, out _)) is { } source
        && source is not JsonConfigurationProvider { Source.Path: "appsettings.json" };

    /// <summary>A listening address as a browser would open it: a wildcard host (<c>0.0.0.0</c>, <c>[::]</c>, <c>+</c>, <c>*</c>) becomes localhost.</summary>
    public static string Origin(string address)
    {
        var uri = new Uri(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        var host = uri.Host is "0.0.0.0" or "[::]" or "::" ? "localhost" : uri.Host;
        return new UriBuilder(uri.Scheme, host, uri.Port).Uri.GetLeftPart(UriPartial.Authority);
    }
}
