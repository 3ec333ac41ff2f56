using System.Diagnostics;

namespace Booking.DevHost;

/// <summary>
/// One log line per request: method, route template (never the concrete path or query, which can carry
/// ids or tokens), status and milliseconds.
/// </summary>
public sealed partial class RequestLogging(RequestDelegate next, ILogger<RequestLogging> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            if (logger.IsEnabled(LogLevel.Information))
            {
                var template = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
                LogRequest(context.Request.Method, template, context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {RouteTemplate} {Status} {ElapsedMs:0.0} ms")]
    private partial void LogRequest(string method, string routeTemplate, int status, double elapsedMs);
}
