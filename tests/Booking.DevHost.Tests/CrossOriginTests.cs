using System.Net;
using Booking.Functions.Http;

namespace Booking.DevHost.Tests;

/// <summary>Real preflights and cross-origin requests against a local host that allows one browser app's origin.</summary>
public sealed class CrossOriginTests : IAsyncLifetime
{
    private const string AllowedOrigin = "https://app.example.test";
    private DevHostFixture _host = null!;

    public async Task InitializeAsync() =>
        _host = await DevHostFixture.StartAsync(extraArgs: [$"--{CrossOrigin.AllowedOriginsKey}:0={AllowedOrigin}"]);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task PreflightAllowsTheApisMethodsAndHeadersWithoutCredentialsGivenAnAllowedOrigin()
    {
        using var response = await PreflightAsync(AllowedOrigin, "PUT", "authorization, content-type, idempotency-key, x-api-key, if-none-match");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(AllowedOrigin, Header(response, "Access-Control-Allow-Origin"));
        Assert.Equal(["DELETE", "GET", "HEAD", "POST", "PUT"], Header(response, "Access-Control-Allow-Methods")!.Split(',').Select(m => m.Trim()).Order());
        Assert.Equal(
            CrossOriginHeaders.Request.Select(h => h.ToLowerInvariant()).Order(),
            Header(response, "Access-Control-Allow-Headers")!.Split(',').Select(h => h.Trim().ToLowerInvariant()).Order());
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task PreflightCarriesNoCorsHeaderGivenAnotherOrigin()
    {
        using var response = await PreflightAsync("https://evil.example.test", "POST", "authorization");

        Assert.DoesNotContain(response.Headers, header => header.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task SimpleGetCarriesTheAllowedOriginAndExposesTheReadableHeadersGivenAnAllowedOrigin()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/health");
        request.Headers.Add("Origin", AllowedOrigin);

        using var response = await _host.Client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(AllowedOrigin, Header(response, "Access-Control-Allow-Origin"));
        Assert.Equal(
            CrossOriginHeaders.Exposed.Append("X-Store-Operations").Order(), // the last one: Development only
            Header(response, "Access-Control-Expose-Headers")!.Split(',').Select(h => h.Trim()).Order());
    }

    [Fact]
    public async Task SimpleGetCarriesNoCorsHeaderGivenAnotherOrigin()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/health");
        request.Headers.Add("Origin", "https://evil.example.test");

        using var response = await _host.Client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(response.Headers, header => header.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
    }

    private async Task<HttpResponseMessage> PreflightAsync(string origin, string method, string headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/practitioners/p-1/schedule");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return await _host.Client.Http.SendAsync(request);
    }

    internal static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;
}
