using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Booking.Functions.Http;

/// <summary>
/// Answers the requests no use case takes: 405 with <c>Allow</c> for a known path asked with a method it does not
/// accept, a problem 404 for an unknown path. The Functions host tries routes in the order it registered them, not by
/// specificity, so a catch-all would swallow real routes: each function here takes one method and only the paths (a
/// regex over <see cref="UnmatchedPaths"/>) that no route serves with that method, so no request can match two routes.
/// OPTIONS is not taken: preflights are CORS's to answer.
/// </summary>
public sealed class UnmatchedRouteFunctions(DeclaredRoutes routes)
{
    [Function("NotAllowedGet")]
    public IActionResult Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "{*path:regex(" + UnmatchedPaths.WithoutGet + ")}")] HttpRequest request, string? path) =>
        NotAllowed(path);

    [Function("NotAllowedPost")]
    public IActionResult Post(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "{*path:regex(" + UnmatchedPaths.WithoutPost + ")}")] HttpRequest request, string? path) =>
        NotAllowed(path);

    [Function("NotAllowedPut")]
    public IActionResult Put(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "{*path:regex(" + UnmatchedPaths.WithoutPut + ")}")] HttpRequest request, string? path) =>
        NotAllowed(path);

    [Function("NotAllowedDelete")]
    public IActionResult Delete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "{*path:regex(" + UnmatchedPaths.WithoutDelete + ")}")] HttpRequest request, string? path) =>
        NotAllowed(path);

    [Function("NotAllowedPatch")]
    public IActionResult Patch(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "{*path:regex(" + UnmatchedPaths.Known + ")}")] HttpRequest request, string? path) =>
        NotAllowed(path);

    [Function("UnknownRoute")]
    public static IActionResult Unknown(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "post", "put", "patch", "delete", Route = "{*path:regex(" + UnmatchedPaths.Unknown + ")}")] HttpRequest request) =>
        Problems.Create(StatusCodes.Status404NotFound, "not-found", "Not found", "No such route.");

    private JsonResponse NotAllowed(string? path)
    {
        var allowed = string.Join(", ", routes.MethodsAllowedAt(path ?? string.Empty));
        return Problems.Create(StatusCodes.Status405MethodNotAllowed, "method-not-allowed", "Method not allowed", $"This route accepts {allowed}.")
            .WithHeader("Allow", allowed);
    }
}
