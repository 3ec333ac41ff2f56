using System.Text.Json;
using Booking.Application.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Booking.Functions.Http;

/// <summary>
/// Writes a status, headers and a JSON body with the API's own serializer options. Used for every response,
/// so the function app and the local host produce byte-identical answers without MVC formatters. A response is
/// <c>no-store</c> unless made <see cref="Public"/>.
/// </summary>
public sealed class JsonResponse(int status, object? body, string contentType = "application/json") : IActionResult
{
    /// <summary>How long shared caches and browsers may reuse a public answer: short, since a slot shown free may be booked meanwhile.</summary>
    public const int PublicMaxAgeSeconds = 30;

    private bool isPublic;

    public int Status { get; } = status;

    public object? Body { get; } = body;

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public JsonResponse WithHeader(string name, string value)
    {
        Headers[name] = value;
        return this;
    }

    /// <summary>
    /// Marks a 200 as the same for everyone who asks: cacheable for <see cref="PublicMaxAgeSeconds"/>, with a strong
    /// <c>ETag</c> of its bytes, and 304 to an <c>If-None-Match</c> that names it.
    /// </summary>
    public JsonResponse Public()
    {
        isPublic = true;
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

        if (isPublic && Status == StatusCodes.Status200OK && Body is not null)
        {
            await WritePublicAsync(context.HttpContext);
            return;
        }

        response.Headers.CacheControl = "no-store";
        if (Body is null)
        {
            return;
        }

        response.ContentType = contentType + "; charset=utf-8";
        await JsonSerializer.SerializeAsync(response.Body, Body, Body.GetType(), JsonDefaults.Options, context.HttpContext.RequestAborted);
    }

    private async Task WritePublicAsync(HttpContext http)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(Body, Body!.GetType(), JsonDefaults.Options);
        var entityTag = EntityTags.Of(bytes);
        var response = http.Response;
        response.Headers.CacheControl = $"public, max-age={PublicMaxAgeSeconds}";
        response.Headers.ETag = entityTag;
        if (EntityTags.AnyMatches(http.Request.Headers.IfNoneMatch, entityTag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.ContentType = contentType + "; charset=utf-8";
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, http.RequestAborted);
    }
}
