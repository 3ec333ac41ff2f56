using System.Text.Json.Nodes;
using Booking.Functions.Http;

namespace Booking.DevHost.Tests.Hostile;

/// <summary>One operation of openapi.json: its method, route template, parameters, body schema and documented statuses.</summary>
public sealed record RouteSpec(
    string Method, string Template, IReadOnlyList<ParameterSpec> Parameters, JsonNode? BodySchema, IReadOnlySet<int> DocumentedStatuses)
{
    /// <summary>How the route is named in the strategy table and in test names: <c>POST /appointments</c>.</summary>
    public string Key => $"{Method} {Template}";

    public IEnumerable<ParameterSpec> In(string location) => Parameters.Where(p => p.In == location);

    public override string ToString() => Key;
}

public sealed record ParameterSpec(string Name, string In, bool Required, JsonNode Schema);

/// <summary>
/// Reads the routes from the OpenAPI document the function app serves, at test time, so a route added later is
/// covered (or fails for want of a strategy) without anyone editing a list here.
/// </summary>
public static class OpenApiRoutes
{
    private static readonly JsonNode Document = JsonNode.Parse(OpenApiFunction.Json)!;

    public static IReadOnlyList<RouteSpec> All { get; } = Read();

    public static RouteSpec Find(string key) => All.Single(r => r.Key == key);

    /// <summary>
    /// The statuses a request aimed at <paramref name="route"/> may get: its own, and, when dot segments in
    /// <paramref name="target"/> make the server reach another path, that path's — its operation's for this method,
    /// 405 when it exists only with other methods, 404 when nothing has it.
    /// </summary>
    public static IReadOnlySet<int> StatusesFor(RouteSpec route, string method, string target)
    {
        var statuses = new HashSet<int>(route.DocumentedStatuses);
        var path = new Uri("http://host" + target.Split('?')[0]).AbsolutePath;
        if (!path.StartsWith("/api/", StringComparison.Ordinal))
        {
            statuses.Add(404);
            return statuses;
        }

        var relative = path["/api/".Length..];
        var allowed = DeclaredRoutes.OfFunctionApp.MethodsAllowedAt(Uri.UnescapeDataString(relative));
        if (allowed.Count == 0)
        {
            statuses.Add(404);
        }
        else if (!allowed.Contains(method))
        {
            statuses.Add(405);
        }

        foreach (var reached in All.Where(r => r.Method == method && Matches(r.Template, relative)))
        {
            statuses.UnionWith(reached.DocumentedStatuses);
        }

        return statuses;
    }

    private static bool Matches(string template, string relativePath)
    {
        var templateSegments = template.Trim('/').Split('/');
        var pathSegments = relativePath.Trim('/').Split('/');
        return templateSegments.Length == pathSegments.Length
            && templateSegments.Zip(pathSegments).All(s => s.First.StartsWith('{') || s.First == s.Second);
    }

    /// <summary>The schema with every <c>$ref</c> replaced by its target and every <c>allOf</c> merged.</summary>
    public static JsonNode Resolve(JsonNode schema)
    {
        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            var name = reference[(reference.LastIndexOf('/') + 1)..];
            return Resolve(Document["components"]!["schemas"]![name]!);
        }

        if (schema["allOf"] is JsonArray parts)
        {
            var merged = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject(), ["required"] = new JsonArray() };
            foreach (var part in parts.Select(p => Resolve(p!)))
            {
                foreach (var (name, property) in part["properties"]?.AsObject() ?? [])
                {
                    merged["properties"]![name] = property!.DeepClone();
                }

                foreach (var required in part["required"]?.AsArray() ?? [])
                {
                    merged["required"]!.AsArray().Add(required!.DeepClone());
                }
            }

            return merged;
        }

        return schema;
    }

    private static List<RouteSpec> Read()
    {
        var routes = new List<RouteSpec>();
        foreach (var (path, operations) in Document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in operations!.AsObject())
            {
                var parameters = (operation!["parameters"]?.AsArray() ?? [])
                    .Select(p => p!["$ref"]?.GetValue<string>() is { } reference
                        ? Document["components"]!["parameters"]![reference[(reference.LastIndexOf('/') + 1)..]]!
                        : p)
                    .Select(p => new ParameterSpec(
                        p!["name"]!.GetValue<string>(), p["in"]!.GetValue<string>(), p["required"]?.GetValue<bool>() ?? false, Resolve(p["schema"]!)))
                    .ToList();
                var body = operation["requestBody"]?["content"]?["application/json"]?["schema"] is { } schema ? Resolve(schema) : null;
                var statuses = operation["responses"]!.AsObject().Select(r => int.Parse(r.Key, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
                routes.Add(new RouteSpec(method.ToUpperInvariant(), path, parameters, body, statuses));
            }
        }

        return routes;
    }
}
