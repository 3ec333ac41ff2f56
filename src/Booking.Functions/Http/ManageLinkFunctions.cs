using Booking.Application.Common;
using Booking.Application.ManageLinks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Booking.Functions.Http;

/// <summary>
/// The patient's manage link, without logging in: the signed token in the path is the credential. Unknown,
/// tampered and expired tokens are all 404. The token is never logged (request logs carry route templates only).
/// </summary>
public sealed class ManageLinkFunctions(HttpPipeline http, ManageAppointmentByLink manage)
{
    [Function("GetManagedAppointment")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "manage/{token}")] HttpRequest request,
        string token,
        CancellationToken ct) =>
        http.AnonymousAsync(request, async () => Respond(await manage.ViewAsync(token, ct)));

    [Function("CancelManagedAppointment")]
    public Task<IActionResult> Cancel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "manage/{token}/cancel")] HttpRequest request,
        string token,
        CancellationToken ct) =>
        http.AnonymousAsync(request, async () => Respond(await manage.CancelAsync(token, ct)));

    private static JsonResponse Respond(Outcome<ManagedAppointmentView> outcome) =>
        outcome.Succeeded
            ? new JsonResponse(StatusCodes.Status200OK, ManagedAppointmentResponse.Of(outcome.Value))
            : Problems.From(outcome.Failure);
}
