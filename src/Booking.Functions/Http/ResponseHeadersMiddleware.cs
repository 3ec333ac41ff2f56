using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Hosting;

namespace Booking.Functions.Http;

/// <summary>
/// The function app's <see cref="SecurityHeaders"/> and <see cref="CrossOriginHeaders.Exposed"/> on every HTTP
/// function's response. The local host adds the first in its own pipeline and exposes the second through its CORS policy.
/// </summary>
public sealed class ResponseHeadersMiddleware(IHostEnvironment environment) : IFunctionsWorkerMiddleware
{
    private static readonly string Exposed = string.Join(", ", CrossOriginHeaders.Exposed);

    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is { } http)
        {
            SecurityHeaders.AddWhenStarting(http.Response, environment.IsDevelopment());
            http.Response.OnStarting(() =>
            {
                http.Response.Headers.AccessControlExposeHeaders = Exposed;
                return Task.CompletedTask;
            });
        }

        return next(context);
    }
}
