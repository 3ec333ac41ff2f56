using Booking.Application.Notifications;
using Booking.Application.Waitlist;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration.Json;

namespace Booking.DevHost;

/// <summary>
/// In Development, notifications link to this host's own pages: the manage page
/// (<c>http://localhost:7071/manage/{token}</c>, <c>Notifications:ManageLinkTemplate</c>) and the waitlist offer page
/// (<c>http://localhost:7071/offers/{token}</c>, <c>Waitlist:OfferLinkTemplate</c>), each unless its template is set by
/// something other than the app's shipped appsettings.json (whose example links lead nowhere): the command line, an
/// environment variable, another settings file.
/// </summary>
public static class SelfLinks
{
    public const string ManageKey = "Notifications:ManageLinkTemplate";

    public const string OfferKey = "Waitlist:OfferLinkTemplate";

    public static IServiceCollection AddSelfLinks(this IServiceCollection services, IConfigurationRoot configuration) =>
        services
            .AddSelfLink<NotificationOptions>(configuration, ManageKey, "/manage/{token}", (options, template) => options.ManageLinkTemplate = template)
            .AddSelfLink<WaitlistOptions>(configuration, OfferKey, "/offers/{token}", (options, template) => options.OfferLinkTemplate = template);

    /// <summary>Points the template under <paramref name="key"/> at this host's <paramref name="path"/>, unless it is configured.</summary>
    private static IServiceCollection AddSelfLink<TOptions>(
        this IServiceCollection services, IConfigurationRoot configuration, string key, string path, Action<TOptions, string> set)
        where TOptions : class
    {
        if (IsConfigured(configuration, key))
        {
            return services;
        }

        // Options are built on first use, when a notification goes out: by then the server listens and knows its
        // port, also when it was asked for port 0.
        services.AddOptions<TOptions>().PostConfigure<IServer>((options, server) =>
        {
            if (server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() is { } address)
            {
                set(options, Origin(address) + path);
            }
        });
        return services;
    }

    /// <summary>True when a source other than the shipped appsettings.json gives the setting <paramref name="key"/>.</summary>
    public static bool IsConfigured(IConfigurationRoot configuration, string key) =>
        configuration.Providers.Reverse().FirstOrDefault(provider => provider.TryGet(key, out _)) is { } source
        && source is not JsonConfigurationProvider { Source.Path: "appsettings.json" };

    /// <summary>A listening address as a browser would open it: a wildcard host (<c>0.0.0.0</c>, <c>[::]</c>, <c>+</c>, <c>*</c>) becomes localhost.</summary>
    public static string Origin(string address)
    {
        var uri = new Uri(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        var host = uri.Host is "0.0.0.0" or "[::]" or "::" ? "localhost" : uri.Host;
        return new UriBuilder(uri.Scheme, host, uri.Port).Uri.GetLeftPart(UriPartial.Authority);
    }
}
