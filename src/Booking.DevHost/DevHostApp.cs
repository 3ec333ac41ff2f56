using Booking.Functions;
using Booking.Functions.Http;
using Booking.DevHost.StoreOperations;
using Booking.Infrastructure;

namespace Booking.DevHost;

/// <summary>
/// Builds the local host: the function app's own functions on Kestrel, with routes and schedules read from
/// their attributes, embedded adapters by default, and the Development-only /dev and /admin endpoints. Outside
/// Development it is the function app as Azure runs it: no /dev or /admin, no demo data, no development signing key,
/// no developer exception page, and it refuses to start on any development stand-in.
/// </summary>
public static class DevHostApp
{
    public const string DefaultUrl = "http://localhost:7071";

    /// <param name="args">the host's flags (<see cref="CommandLine"/>), then configuration (<c>--Section:Key=value</c>)</param>
    /// <param name="customize">runs on the builder once the host's own services are registered: replace or decorate them here</param>
    /// <param name="configureApp">runs on the built app after the host's endpoints, before the fallback: map more endpoints here</param>
    /// <param name="configureConfiguration">runs once the configuration sources are in place, before anything reads them: add a source here</param>
    public static WebApplication Build(
        string[] args, Action<WebApplicationBuilder>? customize = null, Action<WebApplication>? configureApp = null,
        Action<IConfigurationBuilder>? configureConfiguration = null)
    {
        var commandLine = CommandLine.Parse(args);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = commandLine.Remaining,
            EnvironmentName = commandLine.Environment,
            ContentRootPath = AppContext.BaseDirectory,
        });
        var isDevelopment = builder.Environment.IsDevelopment();
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
        {
            Path = "appsettings.json",
            Optional = false,
            FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(AppContext.BaseDirectory),
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = commandLine.DataDirectory,
            ["DevHost:DataDirectory"] = commandLine.DataDirectory,
            ["DevHost:Seed"] = (commandLine.Seed && isDevelopment).ToString(),
        });
        builder.Configuration.AddCommandLine(commandLine.Remaining);
        configureConfiguration?.Invoke(builder.Configuration);
        if (isDevelopment && string.IsNullOrEmpty(builder.Configuration["Auth:SigningKey"]) && string.IsNullOrEmpty(builder.Configuration["Auth:Authority"]))
        {
            builder.Configuration["Auth:SigningKey"] = DevSigningKey.LoadOrCreate(commandLine.DataDirectory);
        }

        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddBookingRedaction();
        var catalog = FunctionCatalog.Discover(typeof(FunctionServices).Assembly);
        builder.Services.AddSingleton(catalog);
        builder.Services.AddCrossOrigin(builder.Configuration, catalog, isDevelopment);
        builder.Services.AddBookingFunctions(builder.Configuration, builder.Environment.EnvironmentName);
        if (isDevelopment)
        {
            builder.Services.AddSelfLinks(builder.Configuration);
            builder.Services.AddStoreOperationCounting();
        }

        builder.Services.AddSingleton<TimerScheduler>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TimerScheduler>());
        builder.Services.AddSingleton<DemoSeeder>();
        builder.Services.AddSingleton<ServiceBusDispatcher>();
        if (!string.IsNullOrEmpty(builder.Configuration["ServiceBus:FullyQualifiedNamespace"]) || !string.IsNullOrEmpty(builder.Configuration["ServiceBus:ConnectionString"]))
        {
            builder.Services.AddSingleton<ServiceBusConnections>();
            builder.Services.AddHostedService<ServiceBusProcessors>();
        }
        customize?.Invoke(builder);

        var app = builder.Build();
        if (isDevelopment)
        {
            app.UseStoreOperationsHeader();
        }

        app.Use((context, next) =>
        {
            SecurityHeaders.AddWhenStarting(context.Response, isDevelopment);
            return next(context);
        });
        if (!isDevelopment)
        {
            // A failure answers a bare problem, never the developer exception page with its source paths.
            app.UseExceptionHandler(failed => failed.Run(context =>
                Problems.Create(StatusCodes.Status500InternalServerError, "internal", "Internal error", "The request failed; it has been logged.")
                    .ExecuteResultAsync(new Microsoft.AspNetCore.Mvc.ActionContext { HttpContext = context })));
        }

        app.UseMiddleware<RequestLogging>();
        var prefix = HostJson.RoutePrefix(AppContext.BaseDirectory).Trim('/');
        app.UseWebAppFiles(new[] { prefix.Length > 0 ? "/" + prefix : null, "/dev", "/admin", ApiReference.Path }.OfType<string>().ToList());
        app.UseRouting();
        app.UseCors();
        foreach (var function in catalog.Http)
        {
            var pattern = "/" + string.Join('/', new[] { prefix, function.Route.Trim('/') }.Where(s => s.Length > 0));
            app.MapMethods(pattern, function.Methods, context => FunctionInvoker.InvokeHttpAsync(function, context))
                .WithName(function.Name);
        }

        BusSubscriptions.Connect(app, catalog);
        app.MapTokenPages();
        if (isDevelopment)
        {
            app.MapDevEndpoints();
            app.MapDevBusEndpoints();
            app.MapApiReference(prefix);
        }

        configureApp?.Invoke(app);

        // "{**path}", not the default fallback pattern, which skips paths whose last segment looks like a file name.
        app.MapFallback("{**path}", context => Problems.Create(StatusCodes.Status404NotFound, "not-found", "Not found", "No such route.")
            .ExecuteResultAsync(new Microsoft.AspNetCore.Mvc.ActionContext { HttpContext = context }));
        return app;
    }

    /// <summary>Once the host listens, prints one line: where it listens, in which environment, where its data is.</summary>
    public static void AnnounceWhenStarted(WebApplication app, TextWriter output) =>
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
                .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses ?? [];
            var data = string.Equals(app.Configuration["Storage:Provider"], "Cosmos", StringComparison.OrdinalIgnoreCase)
                ? "data in Cosmos DB"
                : $"data in {app.Configuration["DevHost:DataDirectory"]}";
            output.WriteLine($"Booking local host ({app.Environment.EnvironmentName}) listening on {string.Join(", ", addresses)}; {data}");
        });

    /// <summary>
    /// Opens the embedded database (so a data directory this version cannot use refuses the start, with
    /// <see cref="Infrastructure.Embedded.DataDirectoryRefusedException"/>) and seeds demo data unless told not to;
    /// call before the host starts serving. Another host may have the same data directory open: they share it.
    /// </summary>
    public static async Task PrepareAsync(WebApplication app, CancellationToken ct = default)
    {
        app.Services.GetService<Infrastructure.Embedded.EmbeddedDatabase>();
        _ = app.Services.GetRequiredService<TimerScheduler>().Scheduled; // a misspelt DevHost:Timers refuses the start
        var config = app.Configuration;
        if (bool.TryParse(config["DevHost:Seed"], out var seed) && seed)
        {
            await app.Services.GetRequiredService<DemoSeeder>().SeedOnceAsync(config["DevHost:DataDirectory"]!, ct);
        }
    }
}
