using Booking.Functions.Http;

namespace Booking.DevHost;

/// <summary>
/// Cross-origin access for browser apps served from the origins in <c>Cors:AllowedOrigins</c> (none by default):
/// preflights answered for the API's own methods and the <see cref="CrossOriginHeaders"/>. Never with credentials:
/// callers send bearer tokens, not cookies. In Azure the Functions host answers CORS itself, from the site's
/// <c>cors.allowedOrigins</c> (Bicep's <c>corsAllowedOrigins</c>).
/// </summary>
public static class CrossOrigin
{
    public const string AllowedOriginsKey = "Cors:AllowedOrigins";

    /// <param name="isDevelopment">also exposes the Development-only <see cref="StoreOperations.StoreOperationCounts.HeaderName"/></param>
    public static IServiceCollection AddCrossOrigin(this IServiceCollection services, IConfiguration configuration, FunctionCatalog catalog, bool isDevelopment)
    {
        string[] exposed = isDevelopment ? [.. CrossOriginHeaders.Exposed, StoreOperations.StoreOperationCounts.HeaderName] : CrossOriginHeaders.Exposed;
        var origins = configuration.GetSection(AllowedOriginsKey).Get<string[]>() ?? [];
        var methods = catalog.Http.Where(function => !function.AnswersUnmatched)
            .SelectMany(function => function.Methods).Distinct().Order().ToArray();
        return services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
            .WithOrigins(origins)
            .WithMethods(methods)
            .WithHeaders(CrossOriginHeaders.Request)
            .WithExposedHeaders(exposed)));
    }
}
