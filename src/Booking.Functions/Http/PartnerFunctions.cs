using Booking.Application.Common;
using Booking.Application.Partners;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Booking.Functions.Http;

/// <summary>Partners: admitted, suspended and resumed by operators; reading the appointments they created with their API key.</summary>
public sealed class PartnerFunctions(
    HttpPipeline http,
    RegisterPartner register,
    SetPartnerSuspension suspension,
    PartnerAuthenticator partners,
    PartnerRateLimit rateLimit,
    ManagePartnerKeys keys,
    GetPartner getPartner,
    GetPartnerAppointment getAppointment)
{
    public const string ApiKeyHeader = "X-Api-Key";

    [Function(nameof(RegisterPartner))]
    public Task<IActionResult> Register(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "partners")] HttpRequest request, CancellationToken ct) =>
        http.AuthenticatedAsync(request, [Role.Operator], async caller =>
        {
            var body = await HttpPipeline.ReadBodyAsync<RegisterPartnerCommand>(request);
            if (!body.Succeeded)
            {
                return Problems.From(body.Failure);
            }

            var outcome = await register.HandleAsync(caller, body.Value, ct);
            return outcome.Succeeded
                ? new JsonResponse(StatusCodes.Status201Created, outcome.Value).WithHeader("Location", $"/api/partners/{outcome.Value.PartnerId}")
                : Problems.From(outcome.Failure);
        });

    [Function(nameof(GetPartner))]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "partners/{partnerId}")] HttpRequest request, string partnerId, CancellationToken ct) =>
        http.AuthenticatedAsync(request, [Role.Operator], async caller =>
        {
            var outcome = await getPartner.HandleAsync(caller, partnerId, ct);
            return outcome.Succeeded ? new JsonResponse(StatusCodes.Status200OK, PartnerResponse.Of(outcome.Value)) : Problems.From(outcome.Failure);
        });

    [Function("SuspendPartner")]
    public Task<IActionResult> Suspend(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "partners/{partnerId}/suspend")] HttpRequest request, string partnerId, CancellationToken ct) =>
        SetAsync(request, partnerId, suspend: true, ct);

    [Function("ResumePartner")]
    public Task<IActionResult> Resume(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "partners/{partnerId}/resume")] HttpRequest request, string partnerId, CancellationToken ct) =>
        SetAsync(request, partnerId, suspend: false, ct);

    [Function("IssuePartnerKey")]
    public Task<IActionResult> IssueKey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "partners/{partnerId}/keys")] HttpRequest request, string partnerId, CancellationToken ct) =>
        http.AuthenticatedAsync(request, [Role.Operator], async caller =>
        {
            var outcome = await keys.IssueAsync(caller, partnerId, ct);
            return outcome.Succeeded
                ? new JsonResponse(StatusCodes.Status201Created, outcome.Value).WithHeader("Location", $"/api/partners/{partnerId}/keys/{outcome.Value.KeyId}")
                : Problems.From(outcome.Failure);
        });

    [Function("GetPartnerKey")]
    public Task<IActionResult> Key(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "partners/{partnerId}/keys/{keyId}")] HttpRequest request,
        string partnerId,
        string keyId,
        CancellationToken ct) =>
        http.AuthenticatedAsync(request, [Role.Operator], async caller =>
        {
            var outcome = await getPartner.KeyAsync(caller, partnerId, keyId, ct);
            return outcome.Succeeded ? new JsonResponse(StatusCodes.Status200OK, PartnerKeyResponse.Of(outcome.Value)) : Problems.From(outcome.Failure);
        });

    [Function("RevokePartnerKey")]
    public Task<IActionResult> RevokeKey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "partners/{partnerId}/keys/{keyId}")] HttpRequest request,
        string partnerId,
        string keyId,
        CancellationToken ct) =>
        http.AuthenticatedAsync(request, [Role.Operator], async caller =>
        {
            var outcome = await keys.RevokeAsync(caller, partnerId, keyId, ct);
            return outcome.Succeeded ? new JsonResponse(StatusCodes.Status204NoContent, null) : Problems.From(outcome.Failure);
        });

    [Function(nameof(GetPartnerAppointment))]
    public Task<IActionResult> Appointment(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "partner/appointments/{appointmentId}")] HttpRequest request,
        string appointmentId,
        CancellationToken ct) =>
        http.AnonymousAsync(request, async () =>
        {
            var authenticated = await partners.AuthenticateAsync(request.Headers[ApiKeyHeader].ToString(), ct);
            if (authenticated is not var (partner, keyId))
            {
                return Problems.PartnerUnauthorized(ApiKeyHeader);
            }

            if (partner.Suspended)
            {
                return Problems.From(GetPartnerAppointment.PartnerSuspended);
            }

            if (await rateLimit.AcquireAsync(partner.Id, ct) is { } retryAfter)
            {
                return Problems.Create(StatusCodes.Status429TooManyRequests, "rate-limited", "Too many requests", "This partner's per-minute limit is reached.")
                    .WithHeader("Retry-After", ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            var outcome = await getAppointment.HandleAsync(partner, keyId, appointmentId, ct);
            if (!outcome.Succeeded)
            {
                return Problems.From(outcome.Failure);
            }

            var a = outcome.Value;
            return new JsonResponse(StatusCodes.Status200OK, new BookingResponse(
                a.AppointmentId, a.Status, a.PractitionerId, ApiFormat.Time(a.Placement.LocalStart), ApiFormat.Time(a.Placement.LocalEnd)));
        });

    private Task<IActionResult> SetAsync(HttpRequest request, string partnerId, bool suspend, CancellationToken ct) =>
        http.AuthenticatedAsync(request, [Role.Operator], async caller =>
        {
            var outcome = await suspension.HandleAsync(caller, partnerId, suspend, ct);
            return outcome.Succeeded
                ? new JsonResponse(StatusCodes.Status200OK, new { outcome.Value.PartnerId, status = outcome.Value.Suspended ? "suspended" : "active" })
                : Problems.From(outcome.Failure);
        });
}
