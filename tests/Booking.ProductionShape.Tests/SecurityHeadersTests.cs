using System.Net;
using Booking.Functions.Http;

namespace Booking.ProductionShape.Tests;

/// <summary>Outside Development every response also carries HSTS, and still names no server.</summary>
[Collection(ProductionShapeCollection.Name)]
public sealed class SecurityHeadersTests(ProductionStack stack)
{
    [Theory]
    [InlineData("/api/health", HttpStatusCode.OK)]
    [InlineData("/api/me/appointments", HttpStatusCode.Unauthorized)]
    [InlineData("/dev/token", HttpStatusCode.NotFound)]
    public async Task ResponseCarriesHstsNosniffAndNoReferrerGivenProduction(string path, HttpStatusCode expected)
    {
        using var response = await stack.Api.Http.GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(SecurityHeaders.StrictTransportSecurity, string.Join(", ", response.Headers.GetValues("Strict-Transport-Security")));
        Assert.Equal("nosniff", string.Join(", ", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", string.Join(", ", response.Headers.GetValues("Referrer-Policy")));
        Assert.Empty(response.Headers.Server);
    }
}
