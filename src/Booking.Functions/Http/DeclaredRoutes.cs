using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Azure.Functions.Worker;

namespace Booking.Functions.Http;

/// <summary>An HTTP-triggered function: its name, methods (upper case) and route template as its attributes declare them.</summary>
public sealed record DeclaredRoute(string Name, IReadOnlyList<string> Methods, string Route, MethodInfo Method)
{
    /// <summary>True for the functions that only answer 404 and 405 (<see cref="UnmatchedRouteFunctions"/>): not a route of the API.</summary>
    public bool AnswersUnmatched => Method.DeclaringType == typeof(UnmatchedRouteFunctions);

    /// <summary>The paths this route's template matches, as a regex without anchors: each parameter one segment.</summary>
    public string PathPattern => string.Join('/', Route.Trim('/').Split('/')
        .Select(segment => segment.StartsWith('{') ? "[^/]+" : System.Text.RegularExpressions.Regex.Escape(segment)));
}

/// <summary>
/// The function app's HTTP routes, read from its own [Function] and [HttpTrigger] declarations: the one place they are
/// written. The local host maps them; <see cref="UnmatchedRouteFunctions"/> uses them to say which methods a path takes.
/// </summary>
public sealed class DeclaredRoutes
{
    private readonly IReadOnlyList<(TemplateMatcher Matcher, IReadOnlyList<string> Methods)> matchers;

    private DeclaredRoutes(IReadOnlyList<DeclaredRoute> routes)
    {
        All = routes;
        matchers = routes
            .Where(route => !route.AnswersUnmatched)
            .Select(route => (new TemplateMatcher(TemplateParser.Parse(route.Route), new RouteValueDictionary()), route.Methods))
            .ToList();
    }

    public static DeclaredRoutes OfFunctionApp { get; } = Discover(typeof(DeclaredRoutes).Assembly);

    public IReadOnlyList<DeclaredRoute> All { get; }

    public static DeclaredRoutes Discover(Assembly functionApp)
    {
        var routes = new List<DeclaredRoute>();
        var methods = functionApp.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly));
        foreach (var method in methods)
        {
            if (method.GetCustomAttribute<FunctionAttribute>() is not { } function)
            {
                continue;
            }

            foreach (var trigger in method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).OfType<HttpTriggerAttribute>())
            {
                var verbs = trigger.Methods?.Select(m => m.ToUpperInvariant()).ToList() ?? ["GET", "POST"];
                routes.Add(new DeclaredRoute(function.Name, verbs, trigger.Route ?? function.Name, method));
            }
        }

        return new DeclaredRoutes(routes);
    }

    /// <summary>
    /// The methods the routes matching <paramref name="path"/> (relative to the route prefix, no leading slash) accept,
    /// in order; empty when no route has that path.
    /// </summary>
    public IReadOnlyList<string> MethodsAllowedAt(string path)
    {
        var requestPath = new PathString("/" + path.TrimStart('/'));
        return matchers
            .Where(m => m.Matcher.TryMatch(requestPath, new RouteValueDictionary()))
            .SelectMany(m => m.Methods)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }
}
