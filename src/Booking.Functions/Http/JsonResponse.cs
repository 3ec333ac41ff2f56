using System.Text.Json;
using Booking.Application.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Booking.Functions.Http;

/// <summary>
/// Writes a status, headers and a JSON body with the API's own serializer options. Used for every response,
/// so the function app and the local host produce byte-identical answers without MVC formatters.
/// </summary>
public sealed class JsonResponse(int status, object? body, string contentType = "application/json") : IActionResult
{
    public int Status { get; } = status;

    public object? Body { get; } = body;

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public JsonResponse WithHeader(string name, string value)
    {
        Headers[name] = value;
        return this;
    }

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = Status;
        foreach (var (name, value) in Headers)
        {
            response.Headers[name] = value;
        }

        response.Headers.CacheControl = "no-store";
        if (Body is null)
        {
            return;
        }

        response.ContentType = contentType + "; charset=utf-8";
        await JsonSerializer.SerializeAsync(response.Body, Body, Body.GetType(), JsonDefaults.Options, context.HttpContext.RequestAborted);
    }
}
