using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Booking.Functions.Http;
using Json.Schema;

namespace Booking.DevHost.Tests;

/// <summary>
/// Checks a reply against openapi.json: its status is declared for the operation, its media type is the declared one
/// (or there is no body where none is declared), a declared <c>Location</c> or <c>Retry-After</c> and every header declared required is sent, and the body
/// matches the declared schema. OpenAPI 3.0 schemas become JSON Schema 2020-12 here: <c>nullable: true</c> also allows
/// null (whatever the <c>allOf</c> under it says), component schemas become <c>$defs</c>.
/// </summary>
public static class OpenApiResponseCheck
{
    private static readonly JsonNode Document = JsonNode.Parse(OpenApiFunction.Json)!;
    private static readonly JsonObject Definitions = (JsonObject)ToJsonSchema(Document["components"]!["schemas"]!);
    private static readonly ConcurrentDictionary<string, JsonSchema> Schemas = new();
    private static int _built;
    private static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    /// <summary>What does not match the document; empty when the reply conforms.</summary>
    public static IReadOnlyList<string> Violations(string method, string template, Reply reply)
    {
        var operation = Document["paths"]?[template]?[method.ToLowerInvariant()]
            ?? throw new ArgumentException($"openapi.json has no {method} {template}.", nameof(template));
        var status = ((int)reply.Status).ToString(CultureInfo.InvariantCulture);
        if (operation["responses"]![status] is not { } declared)
        {
            return [$"{method} {template}: status {status} is not declared ({reply})."];
        }

        var response = Dereference(declared);
        var violations = new List<string>();
        foreach (var (name, header) in response["headers"]?.AsObject() ?? [])
        {
            var sent = name switch
            {
                "Location" => reply.Location is not null,
                "Retry-After" => reply.RetryAfter is not null,
                _ => reply.Header(name) is not null || Dereference(header!)["required"]?.GetValue<bool>() != true,
            };
            if (!sent)
            {
                violations.Add($"{method} {template} {status}: the declared {name} header is missing.");
            }
        }

        if (response["content"] is not JsonObject content)
        {
            if (reply.Text.Length > 0)
            {
                violations.Add($"{method} {template} {status}: a body where none is declared.");
            }

            return violations;
        }

        if (reply.MediaType is null || content[reply.MediaType]?["schema"] is not { } schema)
        {
            return [.. violations, $"{method} {template} {status}: media type {reply.MediaType} is not declared ({string.Join(", ", content.Select(c => c.Key))})."];
        }

        var key = $"{method} {template} {status} {reply.MediaType}";
        // Each build registers its schema under its own index: taken atomically, since test classes check replies in parallel.
        var results = Schemas.GetOrAdd(key, _ => Build(schema, Interlocked.Increment(ref _built))).Evaluate(JsonSerializer.SerializeToElement(reply.Json), Evaluation);
        if (results.IsValid)
        {
            return violations;
        }

        // The list names every failed branch, those of an anyOf that another branch satisfied too: read it whole.
        violations.AddRange((results.Details ?? [results])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{key}: at '{d.InstanceLocation}' ({d.EvaluationPath}): {e.Value}")));
        return violations;
    }

    private static JsonNode Dereference(JsonNode node) =>
        node["$ref"]?.GetValue<string>() is { } reference
            ? Dereference(reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries).Aggregate(Document, (n, part) => n[part]!))
            : node;

    private static JsonSchema Build(JsonNode schema, int index)
    {
        var root = (JsonObject)ToJsonSchema(schema);
        root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        root["$defs"] = Definitions.DeepClone();
        return JsonSchema.FromText(root.ToJsonString(), baseUri: new Uri($"https://booking.example/openapi-response/{index}"));
    }

    private static JsonNode ToJsonSchema(JsonNode node)
    {
        switch (node)
        {
            case JsonArray array:
                return new JsonArray([.. array.Select(item => item is null ? null : ToJsonSchema(item))]);
            case JsonObject obj:
                var converted = new JsonObject();
                foreach (var (name, value) in obj)
                {
                    if (name is "nullable" or "example")
                    {
                        continue;
                    }

                    converted[name] = name == "$ref"
                        ? value!.GetValue<string>().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal)
                        : value is null ? null : ToJsonSchema(value);
                }

                return obj["nullable"]?.GetValue<bool>() == true
                    ? new JsonObject { ["anyOf"] = new JsonArray(new JsonObject { ["type"] = "null" }, converted) }
                    : converted;
            default:
                return node.DeepClone();
        }
    }
}
