using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Booking.Functions.Http;

/// <summary>Serves the OpenAPI document that describes every route (a test keeps it in step with the functions).</summary>
public sealed class OpenApiFunction
{
    private static readonly Lazy<string> Document = new(() =>
    {
        using var stream = typeof(OpenApiFunction).Assembly.GetManifestResourceStream("Booking.Functions.openapi.json")
            ?? throw new InvalidOperationException("openapi.json is not embedded in the function app.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static string Json => Document.Value;

    private static readonly Lazy<JsonElement> Parsed = new(() => JsonDocument.Parse(Json).RootElement.Clone());

    [Function("OpenApi")]
    public static IActionResult Get([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "openapi.json")] HttpRequest request) =>
        new JsonResponse(StatusCodes.Status200OK, Parsed.Value).Public();
}
