using System.Text.Json;
using Booking.Application.Common;
using Booking.Application.Storage;
using Booking.Domain.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Booking.Functions.Http;

/// <summary>
/// What every HTTP function does around its use case: authenticate the caller, read a JSON body, and turn
/// store outages into 503 and anything unexpected into a bare 500 — logged by type only, since an
/// exception's message may quote personal data.
/// </summary>
public sealed partial class HttpPipeline(ICallerAuthenticator authenticator, ILogger<HttpPipeline> logger)
{
    public const int MaxBodyBytes = 64 * 1024;

    public Task<IActionResult> AnonymousAsync(HttpRequest request, Func<Task<IActionResult>> handler) =>
        GuardAsync(request, handler);

    public Task<IActionResult> AuthenticatedAsync(HttpRequest request, Func<Caller, Task<IActionResult>> handler) =>
        AuthenticatedAsync(request, [Role.Patient, Role.Practitioner, Role.Operator], handler);

    /// <summary>Runs <paramref name="handler"/> for an authenticated caller whose role is one of <paramref name="roles"/>; 401 or 403 otherwise.</summary>
    public Task<IActionResult> AuthenticatedAsync(HttpRequest request, Role[] roles, Func<Caller, Task<IActionResult>> handler) =>
        GuardAsync(request, async () =>
        {
            var token = BearerToken(request);
            var caller = await authenticator.AuthenticateAsync(token, request.HttpContext.RequestAborted);
            if (caller is null)
            {
                return Problems.Unauthorized(tokenSent: !string.IsNullOrEmpty(token));
            }

            return roles.Contains(caller.Role)
                ? await handler(caller)
                : Problems.Create(StatusCodes.Status403Forbidden, "forbidden", "Forbidden", "Your role may not do this.");
        });

    /// <summary>The body as <typeparamref name="T"/>, or a 400 saying what is wrong with it.</summary>
    public static async Task<Outcome<T>> ReadBodyAsync<T>(HttpRequest request)
        where T : class
    {
        var declaredType = request.ContentType;
        if (declaredType is not null && !IsJson(declaredType))
        {
            return NotJson;
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return Failure.Validation("body", $"The body must be at most {MaxBodyBytes} bytes.");
        }

        // A chunked body says nothing of its length: read it only up to the limit, so one that is huge (or never
        // ends) is refused at once instead of being buffered whole or waited for.
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        try
        {
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    return Failure.Validation("body", $"The body must be at most {MaxBodyBytes} bytes.");
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException)
        {
            // The server could not make a body of the bytes sent (broken chunk framing, a body cut short):
            // the caller's fault, not ours.
            return Failure.Validation("body", "The body could not be read: its framing is broken or it ended early.");
        }

        if (buffer.Length == 0)
        {
            return Failure.Validation("body", "A JSON body is required.");
        }

        if (declaredType is null)
        {
            return NotJson;
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), JsonDefaults.Options);
            return value is null ? Failure.Validation("body", "The body must be a JSON object.") : value;
        }
        catch (JsonException e)
        {
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
            return Failure.Validation([new DomainError("malformed", "The body is not valid JSON of the expected shape here.", field)]);
        }
    }

    private static readonly Failure NotJson = new(
        FailureKind.UnsupportedMediaType, "unsupported-media-type", "The body must be JSON, sent with Content-Type: application/json (UTF-8).");

    /// <summary><c>application/json</c> or a <c>+json</c> type, in UTF-8 (JSON's only encoding, RFC 8259) if a charset is named.</summary>
    private static bool IsJson(string contentType) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && (!parsed.Charset.HasValue || parsed.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        && parsed.MediaType.Value is { } mediaType
        && (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (mediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)));

    private async Task<IActionResult> GuardAsync(HttpRequest request, Func<Task<IActionResult>> handler)
    {
        try
        {
            return await handler();
        }
        catch (StoreUnavailableException)
        {
            LogUnavailable(request.Method);
            return Problems.Unavailable();
        }
        catch (OperationCanceledException) when (request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            return Problems.Create(499, "cancelled", "Request cancelled", "The client went away.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(request.Method, e.GetType().FullName ?? "unknown", e.TargetSite?.Name ?? "unknown");
            return Problems.Internal();
        }
    }

    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store unavailable while serving a {Method} request")]
    private partial void LogUnavailable(string method);

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {Method} failed with {ExceptionType} in {Site}")]
    private partial void LogFailed(string method, string exceptionType, string site);
}
