using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Constraints;
using Microsoft.Azure.WebJobs.Extensions.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.HostRouting.Tests;

/// <summary>
/// Routes requests the way the Azure Functions host does: the build's functions.metadata mapped through the host's own
/// router (Microsoft.Azure.WebJobs.Extensions.Http's WebJobsRouteBuilder, route prefix "api", one HTTP-method constraint
/// per function, as the host's route manager builds them). That router tries routes in the order they were registered,
/// which the app does not control, so every request is routed under both orders and must reach the same function.
/// </summary>
public sealed class HostRoutingTests
{
    private static readonly IServiceProvider Services = new ServiceCollection().AddLogging().AddOptions().AddRouting().BuildServiceProvider();

    private static readonly IReadOnlyList<(string Name, string Route, string[] Methods)> Functions = ReadMetadata();

    [Theory]
    [InlineData("GET", "/api/practitioners", "SearchPractitioners")]
    [InlineData("POST", "/api/practitioners", "RegisterPractitioner")]
    [InlineData("HEAD", "/api/practitioners/abc", "GetPractitioner")]
    [InlineData("GET", "/api/practitioners/abc/slots", "ListFreeSlots")]
    [InlineData("PUT", "/api/practitioners/abc/schedule", "PublishSchedule")]
    [InlineData("GET", "/api/partners/p/keys/k", "GetPartnerKey")]
    [InlineData("DELETE", "/api/partners/p/keys/k", "RevokePartnerKey")]
    [InlineData("DELETE", "/api/me", "EraseMe")]
    [InlineData("GET", "/api/openapi.json", "OpenApi")]
    [InlineData("PUT", "/api/practitioners", "NotAllowedPut")]
    [InlineData("GET", "/api/appointments", "NotAllowedGet")]
    [InlineData("POST", "/api/me/export", "NotAllowedPost")]
    [InlineData("DELETE", "/api/appointments/abc", "NotAllowedDelete")]
    [InlineData("PATCH", "/api/me", "NotAllowedPatch")]
    [InlineData("GET", "/api/no/such/route", "UnknownRoute")]
    [InlineData("POST", "/api/practitioners/a/b/c", "UnknownRoute")]
    [InlineData("GET", "/api/openapiXjson", "UnknownRoute")]
    public async Task ReachesTheSameFunctionWhateverTheRegistrationOrder(string method, string path, string function)
    {
        Assert.Equal(function, await RouteAsync(Functions, method, path));
        Assert.Equal(function, await RouteAsync(Functions.Reverse().ToList(), method, path));
    }

    [Fact]
    public async Task EveryDeclaredRouteAndMethodReachesItsOwnFunctionWhateverTheRegistrationOrder()
    {
        var api = Functions.Where(f => !f.Route.StartsWith("{*path", StringComparison.Ordinal)).ToList();
        Assert.True(api.Count > 20, "functions.metadata lists the API's routes");
        foreach (var order in new[] { Functions, Functions.Reverse().ToList() })
        {
            foreach (var (name, route, methods) in api)
            {
                var path = "/api/" + string.Join('/', route.Split('/').Select(s => s.StartsWith('{') ? "x1" : s));
                foreach (var method in methods)
                {
                    Assert.Equal(name, await RouteAsync(order, method.ToUpperInvariant(), path));
                }
            }
        }
    }

    private static async Task<string?> RouteAsync(IReadOnlyList<(string Name, string Route, string[] Methods)> functions, string method, string path)
    {
        var builder = new WebJobsRouteBuilder(Services.GetRequiredService<IInlineConstraintResolver>(), new NoHandler(), "api");
        foreach (var (name, route, methods) in functions)
        {
            builder.MapFunctionRoute(name, route, new RouteValueDictionary { ["httpMethod"] = new HttpMethodRouteConstraint(methods) }, name);
        }

        var context = new RouteContext(new DefaultHttpContext { RequestServices = Services, Request = { Method = method, Path = path } });
        await builder.Build().RouteAsync(context);
        return context.RouteData.DataTokens[HttpExtensionConstants.FunctionNameRouteTokenKey] as string;
    }

    private static List<(string, string, string[])> ReadMetadata() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "functions.metadata")))!.AsArray()
            .Select(f => (Name: f!["name"]!.GetValue<string>(), Trigger: f["bindings"]!.AsArray().FirstOrDefault(b => b!["type"]!.GetValue<string>() == "httpTrigger")))
            .Where(f => f.Trigger is not null)
            .Select(f => (f.Name, f.Trigger!["route"]!.GetValue<string>(), f.Trigger["methods"]!.AsArray().Select(m => m!.GetValue<string>()).ToArray()))
            .ToList();

    private sealed class NoHandler : IWebJobsRouteHandler
    {
        public Task InvokeAsync(HttpContext context, string functionName) => Task.CompletedTask;
    }
}
