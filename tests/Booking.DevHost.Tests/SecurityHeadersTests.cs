using System.Net;

namespace Booking.DevHost.Tests;

/// <summary>The headers every response of the local host carries, and the one it never sends.</summary>
public sealed class SecurityHeadersTests : IAsyncLifetime
{
    private DevHostFixture _host = null!;

    public async Task InitializeAsync() => _host = await DevHostFixture.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("/api/health", HttpStatusCode.OK)]
    [InlineData("/api/me/appointments", HttpStatusCode.Unauthorized)]
    [InlineData("/api/no/such/route", HttpStatusCode.NotFound)]
    [InlineData("/favicon.ico", HttpStatusCode.NotFound)]
    public async Task ResponseForbidsSniffingAndReferrersAndNamesNoServerGivenAnyOutcome(string path, HttpStatusCode expected)
    {
        using var response = await _host.Client.Http.GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("nosniff", CrossOriginTests.Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", CrossOriginTests.Header(response, "Referrer-Policy"));
        Assert.Empty(response.Headers.Server);
        // Development: a browser told HSTS for localhost would refuse every other local http:// app on it.
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }
}
