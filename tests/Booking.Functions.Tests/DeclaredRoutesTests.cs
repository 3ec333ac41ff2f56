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
    public void TheUnmatchedPathsAreExactlyThoseNoRouteServesWithEachMethod()
    {
        var api = Routes.All.Where(route => !route.AnswersUnmatched).ToList();
        string Without(string method) => Anchored(api.GroupBy(r => r.Route).Where(g => !g.Any(r => r.Methods.Contains(method))).Select(g => g.First()));

        Assert.Equal(UnmatchedPaths.WithoutGet, Without("GET"));
        Assert.Equal(UnmatchedPaths.WithoutPost, Without("POST"));
        Assert.Equal(UnmatchedPaths.WithoutPut, Without("PUT"));
        Assert.Equal(UnmatchedPaths.WithoutDelete, Without("DELETE"));
        Assert.Equal(UnmatchedPaths.Known, Anchored(api.GroupBy(r => r.Route).Select(g => g.First())));
        Assert.Equal(UnmatchedPaths.Unknown, "^(?!(?:" + UnmatchedPaths.Known[2..^2] + ")$).*$");
    }

    [Theory]
    [InlineData("practitioners", "GET")]
    [InlineData("practitioners/abc/slots", "GET")]
    [InlineData("appointments", "POST")]
    [InlineData("partners/p1/keys/k1", "DELETE")]
    [InlineData("me", "DELETE")]
    public void NoUnmatchedFunctionTakesAPathAndMethodARouteServes(string path, string method)
    {
        var unmatched = Routes.All.Where(route => route.AnswersUnmatched && route.Methods.Contains(method));

        Assert.All(unmatched, route => Assert.DoesNotMatch(RouteRegex(route), path));
    }

    [Theory]
    [InlineData("practitioners", "PUT", "NotAllowedPut")]
    [InlineData("appointments", "GET", "NotAllowedGet")]
    [InlineData("me/export", "DELETE", "NotAllowedDelete")]
    [InlineData("manage/t/cancel", "PATCH", "NotAllowedPatch")]
    [InlineData("nope", "GET", "UnknownRoute")]
    [InlineData("practitioners/a/b/c", "POST", "UnknownRoute")]
    public void ExactlyOneUnmatchedFunctionTakesAPathAndMethodNoRouteServes(string path, string method, string function)
    {
        var taking = Routes.All.Where(route => route.AnswersUnmatched && route.Methods.Contains(method) && System.Text.RegularExpressions.Regex.IsMatch(path, RouteRegex(route)));

        Assert.Equal(function, Assert.Single(taking).Name);
    }

    private static string Anchored(IEnumerable<DeclaredRoute> routes) =>
        "^(" + string.Join('|', routes.Select(r => r.PathPattern).Order(StringComparer.Ordinal)) + ")$";

    /// <summary>The regex inside an unmatched function's <c>{*path:regex(…)}</c> template.</summary>
    private static string RouteRegex(DeclaredRoute route) => route.Route["{*path:regex(".Length..^2];
}
