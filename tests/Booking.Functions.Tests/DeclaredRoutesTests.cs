using Booking.Functions.Http;

namespace Booking.Functions.Tests;

public sealed class DeclaredRoutesTests
{
    private static readonly DeclaredRoutes Routes = DeclaredRoutes.OfFunctionApp;

    [Theory]
    [InlineData("practitioners", "GET, HEAD, POST")]
    [InlineData("practitioners/abc", "GET, HEAD")]
    [InlineData("practitioners/abc/schedule", "PUT")]
    [InlineData("appointments/abc/cancel", "POST")]
    [InlineData("partners/p1/keys/k1", "DELETE, GET, HEAD")]
    [InlineData("me", "DELETE")]
    public void ListsTheMethodsOfEveryRouteMatchingThePath(string path, string allowed)
    {
        Assert.Equal(allowed, string.Join(", ", Routes.MethodsAllowedAt(path)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("nope")]
    [InlineData("practitioners/abc/def/ghi")]
    [InlineData("me/nothing")]
    public void ListsNothingGivenAPathNoRouteHas(string path)
    {
        Assert.Empty(Routes.MethodsAllowedAt(path));
    }

    [Fact]
    public void TheCatchAllIsNotARouteOfItsOwn()
    {
        Assert.Contains(Routes.All, route => route.Name == UnmatchedRouteFunction.Name);
        Assert.DoesNotContain("PATCH", Routes.MethodsAllowedAt("practitioners"));
    }
}
