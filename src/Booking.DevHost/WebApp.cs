using Microsoft.Extensions.FileProviders;

namespace Booking.DevHost;

/// <summary>
/// The reference web app (the repository's web/, copied beside the host as web/ by the build): its files at <c>/</c>
/// and its token pages, where notifications link to: the manage page at <c>/manage/{token}</c> and the waitlist offer
/// page at <c>/offers/{token}</c>. Served in every environment, since
/// this is the local host. Paths under the API's route prefix and the host's own /dev and /admin never reach the
/// files: the API keeps its routes whatever web/ holds.
/// </summary>
public static class WebApp
{
    /// <summary>Setting that serves another folder (relative to the working directory), e.g. the repository's web/ while editing it.</summary>
    public const string RootKey = "DevHost:WebRoot";

    public const string ManagePage = "manage.html";

    public const string OfferPage = "offer.html";

    /// <summary>The pages a link's token opens: each address (its token the last segment) and the page that serves it.</summary>
    public static readonly IReadOnlyList<(string Pattern, string Page)> TokenPages =
    [
        ("/manage/{token}", ManagePage),
        ("/offers/{token}", OfferPage),
    ];

    /// <summary>
    /// Where the pages may load from and talk to: this origin only, so neither page loads anything from elsewhere
    /// and a token in the address has nowhere else to go.
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

    /// <summary>The token pages (<see cref="TokenPages"/>) for any token; the token stays in the address, read by the page's script.</summary>
    public static void MapTokenPages(this WebApplication app)
    {
        foreach (var (pattern, page) in TokenPages)
        {
            app.MapTokenPage(pattern, Path.Combine(Root(app.Configuration), page));
        }
    }

    private static void MapTokenPage(this WebApplication app, string pattern, string page) =>
        app.MapMethods(pattern, [HttpMethods.Get, HttpMethods.Head], async context =>
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

    private static void AddPageHeaders(HttpResponse response, string cacheControl)
    {
        response.Headers.CacheControl = cacheControl;
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
    }
}
