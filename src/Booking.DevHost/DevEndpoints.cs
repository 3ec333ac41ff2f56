using Booking.Functions.Http;
using Booking.Infrastructure.Auth;

namespace Booking.DevHost;

/// <summary>
/// Endpoints only the local host has, only in Development: development tokens, where its memory is, and running
/// non-HTTP functions on demand (as Core Tools' admin API does).
/// </summary>
public static class DevEndpoints
{
    private static readonly string[] Roles = ["patient", "practitioner", "operator"];

    public sealed record TokenRequest(string? Subject, string? Role, string? PractitionerId);

    public sealed record TokenResponse(string AccessToken);

    public static void MapDevEndpoints(this WebApplication app)
    {
        app.MapPost("/dev/token", async (HttpContext context, DevelopmentTokenIssuer issuer) =>
        {
            var body = await HttpPipeline.ReadBodyAsync<TokenRequest>(context.Request);
            if (!body.Succeeded)
            {
                await Problems.From(body.Failure).ExecuteResultAsync(new Microsoft.AspNetCore.Mvc.ActionContext { HttpContext = context });
                return;
            }

            var request = body.Value;
            var errors = new Dictionary<string, string[]>();
            if (string.IsNullOrWhiteSpace(request.Subject) || request.Subject.Length > 128)
            {
                errors["subject"] = ["subject is required (1 to 128 characters)."];
            }

            if (request.Role is null || !Roles.Contains(request.Role))
            {
                errors["role"] = ["role must be patient, practitioner or operator."];
            }

            if (request.Role == "practitioner" && string.IsNullOrWhiteSpace(request.PractitionerId))
            {
                errors["practitionerId"] = ["practitionerId is required for a practitioner token."];
            }

            var response = errors.Count > 0
                ? Problems.Validation(errors.SelectMany(e => e.Value.Select(m => new Domain.Common.DomainError("invalid", m, e.Key))).ToList())
                : new JsonResponse(StatusCodes.Status200OK, new TokenResponse(issuer.Issue(request.Subject!, request.Role!, request.Role == "practitioner" ? request.PractitionerId : null)));
            await response.ExecuteResultAsync(new Microsoft.AspNetCore.Mvc.ActionContext { HttpContext = context });
        });

        app.MapGet("/dev/memory", () => Results.Json(MemoryView.Now(), Application.Common.JsonDefaults.Options));

        app.MapPost("/admin/functions/{functionName}", async (string functionName, TimerScheduler timers, CancellationToken ct) =>
            await timers.RunNowAsync(functionName, ct)
                ? Results.Accepted()
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No non-HTTP function named {functionName}.", type: Problems.TypeBase + "not-found"));
    }
}
