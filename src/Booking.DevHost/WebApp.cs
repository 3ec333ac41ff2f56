using Microsoft.Extensions.FileProviders;

namespace Booking.DevHost;

/// <summary>
/// The reference web app (the repository's web/, copied beside the host as web/ by the build): its files at <c>/</c>
/// and its manage page at <c>/manage/{token}</c>, where notifications link to. Served in every environment, since
/// this is the local host. Paths under the API's route prefix and the host's own /dev and /admin never reach the
/// files: the API keeps its routes whatever web/ holds.
/// </summary>
public static class WebApp
{
    /// <summary>Setting that serves another folder (relative to the working directory), e.g. the repository's web/ while editing it.</summary>
    public const string RootKey = "DevHost:WebRoot";

    public const string ManagePage = "manage.html";

    /// <summary>
    /// Where the pages may load from and talk to: this origin only, so neither page loads anything from elsewhere
    /// and a manage token in the address has nowhere else to go.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static string Root(IConfiguration configuration) =>
        configuration[RootKey] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(AppContext.BaseDirectory, "web");

    /// <summary>Serves the files before routing, except under <paramref name="reservedPrefixes"/> (each a path like "/api").</summary>
    public static void UseWebAppFiles(this WebApplication app, IReadOnlyList<string> reservedPrefixes)
    {
        var root = Root(app.Configuration);
        if (!Directory.Exists(root))
        {
            return;
        }

        var files = new PhysicalFileProvider(root);
        app.UseWhen(
            context => !reservedPrefixes.Any(prefix => context.Request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase)),
            web => web
                .UseDefaultFiles(new DefaultFilesOptions { FileProvider = files })
                .UseStaticFiles(new StaticFileOptions
                {
                    FileProvider = files,
                    // Revalidated on every load, so an edited file shows at once (ETag and Last-Modified make it cheap).
                    OnPrepareResponse = served => AddPageHeaders(served.Context.Response, "no-cache"),
                }));
    }

    /// <summary>The manage page for any token; the token stays in the address, read by the page's script.</summary>
    public static void MapManagePage(this WebApplication app)
    {
        var page = Path.Combine(Root(app.Configuration), ManagePage);
        app.MapMethods("/manage/{token}", [HttpMethods.Get, HttpMethods.Head], async context =>
        {
            if (!File.Exists(page))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            // Not stored by caches: the address carries the token.
            AddPageHeaders(context.Response, "no-store");
            context.Response.ContentType = "text/html; charset=utf-8";
            if (HttpMethods.IsHead(context.Request.Method))
            {
                context.Response.ContentLength = new FileInfo(page).Length;
                return;
            }

            await context.Response.SendFileAsync(page, context.RequestAborted);
        });
    }

    private static void AddPageHeaders(HttpResponse response, string cacheControl)
    {
        response.Headers.CacheControl = cacheControl;
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
    }
}
