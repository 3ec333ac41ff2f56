using System.Net;

namespace Booking.ProductionShape.Tests;

/// <summary>Outside Development the local host is the function app: none of its /dev or /admin endpoints exist.</summary>
[Collection(ProductionShapeCollection.Name)]
public sealed class DevelopmentEndpointsTests(ProductionStack stack)
{
    [Theory]
    [InlineData("POST", "/dev/token")]
    [InlineData("GET", "/dev/notifications")]
    [InlineData("GET", "/dev/bus/operator-alerts")]
    [InlineData("POST", "/admin/functions/SendReminders")]
    public async Task ADevelopmentEndpointIsNotFoundInProduction(string method, string path)
    {
        var reply = await stack.Api.SendAsync(new HttpMethod(method), path, method == "POST" ? new { subject = "x", role = "operator" } : null, token: null);

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
    }
}
