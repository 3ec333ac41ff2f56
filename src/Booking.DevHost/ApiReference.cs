using Scalar.AspNetCore;

namespace Booking.DevHost;

/// <summary>
/// The interactive API reference at <c>/docs</c> (Development only): Scalar's page over the function app's own
/// OpenAPI document, the one <c>OpenApiFunction</c> serves; no second document is generated. Its script is served by
/// this host from the package; the CDN fonts, telemetry and the AI agent are off, so the page calls nothing but this host.
/// </summary>
public static class ApiReference
{
    public const string Path = "/docs";

    public static void MapApiReference(this WebApplication app, string routePrefix) =>
        app.MapScalarApiReference(Path, options => options
            .WithTitle("Booking API")
            .WithOpenApiRoutePattern("/" + string.Join('/', new[] { routePrefix, "openapi.json" }.Where(s => s.Length > 0)))
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp());
}
