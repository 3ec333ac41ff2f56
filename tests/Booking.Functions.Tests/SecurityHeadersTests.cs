using Booking.Functions.Http;
using Microsoft.AspNetCore.Http;

namespace Booking.Functions.Tests;

public sealed class SecurityHeadersTests
{
    [Fact]
    public void HeadersIncludeHstsGivenAnEnvironmentOtherThanDevelopment()
    {
        IHeaderDictionary headers = new HeaderDictionary();

        SecurityHeaders.Add(headers, isDevelopment: false);

        Assert.Equal(SecurityHeaders.StrictTransportSecurity, headers.StrictTransportSecurity.ToString());
        Assert.Equal("nosniff", headers.XContentTypeOptions.ToString());
        Assert.Equal("no-referrer", headers["Referrer-Policy"].ToString());
    }

    [Fact]
    public void HeadersLeaveHstsOutGivenDevelopment()
    {
        IHeaderDictionary headers = new HeaderDictionary();

        SecurityHeaders.Add(headers, isDevelopment: true);

        Assert.False(headers.ContainsKey("Strict-Transport-Security"));
        Assert.Equal("nosniff", headers.XContentTypeOptions.ToString());
    }
}
