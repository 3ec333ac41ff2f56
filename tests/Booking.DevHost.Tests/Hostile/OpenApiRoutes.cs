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
