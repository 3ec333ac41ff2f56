using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Booking.Functions.Http;

/// <summary>
/// Answers what no other route takes: 405 with <c>Allow</c> for a known path asked with a method it does not accept, a
/// problem 404 for an unknown path. Its catch-all template sorts after every other route, in the Functions host (which
/// orders literal segments before parameters) as in the local host (endpoint precedence), so it only sees requests that
/// matched nothing else. OPTIONS is not among its methods: preflights are CORS's to answer.
/// </summary>
public sealed class UnmatchedRouteFunction(DeclaredRoutes routes)
{
    public const string Name = "UnmatchedRoute";

    [Function(Name)]
    public IActionResult Answer(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", "put", "patch", "delete", Route = "{*path}")] HttpRequest request,
        string? path)
    {
        var allowed = routes.MethodsAllowedAt(path ?? string.Empty);
        return allowed.Count == 0
            ? Problems.Create(StatusCodes.Status404NotFound, "not-found", "Not found", "No such route.")
            : Problems.Create(StatusCodes.Status405MethodNotAllowed, "method-not-allowed", "Method not allowed", $"This route accepts {string.Join(", ", allowed)}.")
                .WithHeader("Allow", string.Join(", ", allowed));
    }
}
