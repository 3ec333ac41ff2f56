using System.Collections.Concurrent;
using Booking.DevHost;
using Booking.Faults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Booking.DevHost.Tests;

/// <summary>
/// A real local host on a free loopback port, in this process, over its own temporary data directory (deleted when
/// the test process ends: a test may restart a host on it). Captures every log line it writes so tests can check what logs reveal.
/// No timer runs on its schedule unless the test asks (<see cref="Timers"/>): a test runs the timer function it
/// exercises, so what it sees never depends on the hour it started at.
/// </summary>
public sealed class DevHostFixture : IAsyncDisposable
{
    /// <summary>The argument that keeps every timer off its schedule; the fixtures pass it before a test's own arguments.</summary>
    public const string NoTimers = "--DevHost:Timers=none";

    private readonly WebApplication _app;

    private DevHostFixture(WebApplication app, string dataDirectory, ConcurrentQueue<string> logLines)
    {
        _app = app;
        DataDirectory = dataDirectory;
        LogLines = logLines;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Client = new ApiClient(new HttpClient { BaseAddress = new Uri(address) });
    }

    public ApiClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public string DataDirectory { get; }

    public ConcurrentQueue<string> LogLines { get; }

    /// <summary>The argument that puts <paramref name="functions"/> (timer function names) on their schedules.</summary>
    public static string Timers(params string[] functions) => $"--DevHost:Timers={string.Join(',', functions)}";

    public static Task<DevHostFixture> StartAsync(string? dataDirectory = null, bool seed = false, params string[] extraArgs) =>
        StartAsync(dataDirectory, seed, clock: null, faultInjection: false, extraArgs);

    /// <summary>A host whose use cases and timers read <paramref name="clock"/> (tokens are still checked against the real time).</summary>
    public static Task<DevHostFixture> StartWithClockAsync(TimeProvider clock, params string[] extraArgs) =>
        StartAsync(null, false, clock, faultInjection: false, extraArgs);

    /// <summary>A host with fault injection added (tests/Booking.Faults): <c>--Faults:Rate=…</c> in <paramref name="extraArgs"/> turns it on.</summary>
    public static Task<DevHostFixture> StartWithFaultInjectionAsync(string? dataDirectory, params string[] extraArgs) =>
        StartAsync(dataDirectory, false, clock: null, faultInjection: true, extraArgs);

    private static async Task<DevHostFixture> StartAsync(string? dataDirectory, bool seed, TimeProvider? clock, bool faultInjection, string[] extraArgs)
    {
        dataDirectory ??= TemporaryDataDirectories.New();
        var args = new List<string> { "--data-dir", dataDirectory, "--urls", "http://127.0.0.1:0", NoTimers };
        if (!seed)
        {
            args.Add("--no-seed");
        }

        args.AddRange(extraArgs);
        var lines = new ConcurrentQueue<string>();
        var app = DevHostApp.Build(args.ToArray(), builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
            builder.Logging.AddProvider(new CapturingLoggerProvider(lines));
            if (clock is not null)
            {
                builder.Services.AddSingleton(clock);
            }

            if (faultInjection)
            {
                builder.AddFaultInjection();
            }
        }, app =>
        {
            if (faultInjection)
            {
                app.MapFaultCounts();
            }
        });
        await DevHostApp.PrepareAsync(app);
        await app.StartAsync();
        return new DevHostFixture(app, dataDirectory, lines);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
