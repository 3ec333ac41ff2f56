using Booking.Application.Common;
using Booking.Domain.Common;
using Microsoft.AspNetCore.Http;

namespace Booking.Functions.Http;

/// <summary>RFC 9457 problem+json responses. Details never carry personal data or stack traces.</summary>
public static class Problems
{
    public const string TypeBase = "https://booking.example/problems/";
    public const string ContentType = "application/problem+json";

    public static JsonResponse From(Failure failure) => failure.Kind switch
    {
        FailureKind.Validation => Validation(failure.Errors ?? [], failure.Code, failure.Detail),
        FailureKind.NotFound => Create(StatusCodes.Status404NotFound, failure.Code, "Not found", failure.Detail),
        FailureKind.Forbidden => Create(StatusCodes.Status403Forbidden, failure.Code, "Forbidden", failure.Detail),
        FailureKind.Conflict => Create(StatusCodes.Status409Conflict, failure.Code, "Conflict", failure.Detail),
        FailureKind.Gone => Create(StatusCodes.Status410Gone, failure.Code, "Gone", failure.Detail),
        FailureKind.Unprocessable => Create(StatusCodes.Status422UnprocessableEntity, failure.Code, "Unprocessable request", failure.Detail),
        FailureKind.UnsupportedMediaType => Create(StatusCodes.Status415UnsupportedMediaType, failure.Code, "Unsupported media type", failure.Detail)
            .WithHeader("Accept", "application/json"),
        _ => Create(StatusCodes.Status500InternalServerError, "internal", "Internal error", "The request could not be completed."),
    };

    /// <summary>A 400 naming the fields in <c>errors</c>; of type <c>validation</c> unless the failure has a type of its own (<c>invalid-cursor</c>).</summary>
    public static JsonResponse Validation(IReadOnlyList<DomainError> errors, string code = "validation", string detail = "The request has invalid fields.")
    {
        var byField = errors
            .GroupBy(e => e.Field ?? "body")
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        return new JsonResponse(
            StatusCodes.Status400BadRequest,
            new ValidationProblem(TypeBase + code, "Invalid request", 400, detail, byField),
            ContentType);
    }

    /// <summary>401 for a bearer route: the challenge says <c>invalid_token</c> (RFC 6750) when a token was sent and refused.</summary>
    public static JsonResponse Unauthorized(bool tokenSent) =>
        Create(StatusCodes.Status401Unauthorized, "unauthorized", "Unauthorized", "A valid bearer token is required.")
            .WithHeader("WWW-Authenticate", tokenSent ? "Bearer realm=\"booking\", error=\"invalid_token\"" : "Bearer realm=\"booking\"");

    /// <summary>401 for a partner route: the challenge names the API-key scheme and its header.</summary>
    public static JsonResponse PartnerUnauthorized(string header) =>
        Create(StatusCodes.Status401Unauthorized, "unauthorized", "Unauthorized", $"A valid {header} is required.")
            .WithHeader("WWW-Authenticate", $"ApiKey realm=\"booking\", header=\"{header}\"");

    public static JsonResponse Unavailable() =>
        Create(StatusCodes.Status503ServiceUnavailable, "unavailable", "Service unavailable", "The service is briefly unavailable. Retry shortly.")
            .WithHeader("Retry-After", "2");

    public static JsonResponse Internal() =>
        Create(StatusCodes.Status500InternalServerError, "internal", "Internal error", "The request could not be completed.");

    public static JsonResponse Create(int status, string code, string title, string detail) =>
        new(status, new Problem(TypeBase + code, title, status, detail), ContentType);

    public sealed record Problem(string Type, string Title, int Status, string Detail);

    public sealed record ValidationProblem(string Type, string Title, int Status, string Detail, IReadOnlyDictionary<string, string[]> Errors);
}
