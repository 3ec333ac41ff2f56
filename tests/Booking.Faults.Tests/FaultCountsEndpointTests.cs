using System.Net;
using System.Text.Json.Nodes;
using Booking.DevHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.Faults.Tests;

/// <summary><c>/dev/faults</c> exists only on a host that mapped it, and counts there only while faults are on.</summary>
public sealed class FaultCountsEndpointTests
{
    [Fact]
    public async Task AFaultyHostCountsTheCallsItLetThroughAndFailed()
    {
        await using var host = await StartAsync(faultInjection: true, "--Faults:Rate=0.5", "--Faults:Targets=Store");
        await host.Http.GetAsync(new Uri("/api/practitioners?city=nowhere", UriKind.Relative));

        using var response = await host.Http.GetAsync(new Uri("/dev/faults", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(body["injected"]!["Store"]!.AsObject().Count > 0, body.ToJsonString());
        Assert.Equal(0, body["notificationRepeatsIgnored"]!.GetValue<long>());
    }

    [Fact]
    public async Task AFaultyHostWithoutARateAnswers404()
    {
        await using var host = await StartAsync(faultInjection: true);

        using var response = await host.Http.GetAsync(new Uri("/dev/faults", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ThePlainLocalHostHasNoSuchRouteEvenWithARate()
    {
        await using var host = await StartAsync(faultInjection: false, "--Faults:Rate=1");

        using var response = await host.Http.GetAsync(new Uri("/dev/faults", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<RunningHost> StartAsync(bool faultInjection, params string[] settings)
    {
        var data = Directory.CreateTempSubdirectory("booking-faults-tests-").FullName;
        var app = DevHostApp.Build(
            ["--data-dir", data, "--no-seed", "--urls", "http://127.0.0.1:0", "--DevHost:Timers=none", .. settings],
            faultInjection ? web => web.AddFaultInjection() : null,
            faultInjection ? web => web.MapFaultCounts() : null);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningHost(app, data, new HttpClient { BaseAddress = new Uri(address) });
    }

    private sealed class RunningHost(WebApplication app, string dataDirectory, HttpClient http) : IAsyncDisposable
    {
        public HttpClient Http => http;

        public async ValueTask DisposeAsync()
        {
            http.Dispose();
            await app.StopAsync();
            await app.DisposeAsync();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
