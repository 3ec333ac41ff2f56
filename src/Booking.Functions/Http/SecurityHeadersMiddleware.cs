using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Hosting;

namespace Booking.Functions.Http;

/// <summary>The function app's <see cref="SecurityHeaders"/> on every HTTP function's response (the local host adds them in its own pipeline).</summary>
public sealed class SecurityHeadersMiddleware(IHostEnvironment environment) : IFunctionsWorkerMiddleware
{
    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        if (context.GetHttpContext() is { } http)
        {
            SecurityHeaders.AddWhenStarting(http.Response, environment.IsDevelopment());
        }

        return next(context);
    }
}
