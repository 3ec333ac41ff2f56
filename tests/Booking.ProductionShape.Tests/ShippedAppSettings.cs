using Booking.Tests.Shared.Infra;
using Microsoft.Extensions.Configuration;

namespace Booking.ProductionShape.Tests;

/// <summary>src/Booking.Functions/appsettings.json, which ships with the app, as configuration keys (<c>Section:Key</c>).</summary>
public static class ShippedAppSettings
{
    public static IReadOnlyDictionary<string, string?> Values { get; } =
        new ConfigurationBuilder().AddJsonFile(RepositoryPaths.AppSettings, optional: false).Build()
            .AsEnumerable()
            .Where(pair => pair.Value is not null)
            .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.OrdinalIgnoreCase);
}
