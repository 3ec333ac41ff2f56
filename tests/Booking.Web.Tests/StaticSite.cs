using Booking.Tests.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;

namespace Booking.Web.Tests;

/// <summary>
/// The repository's web/ served as a static host (Static Web Apps, a storage static website) serves it: on its own
/// 127.0.0.1 port, so on another origin than the API, with a config.js whose apiBaseUrl names the API's origin and
/// /manage/* rewritten to the manage page as staticwebapp.config.json does.
/// </summary>
public sealed class StaticSite : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StaticSite(WebApplication app)
    {
        _app = app;
        Origin = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    /// <summary>http://127.0.0.1:port</summary>
    public string Origin { get; }

    /// <summary>What config.js gives the app as apiBaseUrl; set it once the API's address is known.</summary>
    public string ApiBaseUrl { get; set; } = string.Empty;

    public static string WebRoot => Path.Combine(TestPaths.RepositoryRoot, "web");

    public static async Task<StaticSite> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        StaticSite? site = null;
        var files = new PhysicalFileProvider(WebRoot);
        app.MapGet("/config.js", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return Results.Text(
                $$"""export default { apiBaseUrl: "{{site!.ApiBaseUrl}}", signIn: "development", entra: {} };""",
                "text/javascript");
        });
        app.MapGet("/manage/{token}", () => Results.File(Path.Combine(WebRoot, "manage.html"), "text/html"));
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        await app.StartAsync();
        site = new StaticSite(app);
        return site;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
