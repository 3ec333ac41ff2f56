using Booking.Application.Waitlist;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Booking.Functions.Http;

/// <summary>
/// A waitlist offer's link, without logging in: the signed token in the path is the credential. Unknown and tampered
/// tokens are 404; an offer that ended is 410. The token is never logged (request logs carry route templates only).
/// </summary>
public sealed class OfferFunctions(HttpPipeline http, AnswerOffer answer)
{
    [Function("GetOffer")]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "offers/{token}")] HttpRequest request,
        string token,
        CancellationToken ct) =>
        http.AnonymousAsync(request, async () =>
        {
            var outcome = await answer.ViewAsync(token, ct);
            return outcome.Succeeded ? new JsonResponse(StatusCodes.Status200OK, OfferResponse.Of(outcome.Value)) : Problems.From(outcome.Failure);
        });

    [Function("AcceptOffer")]
    public Task<IActionResult> Accept(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "offers/{token}/accept")] HttpRequest request,
        string token,
        CancellationToken ct) =>
        http.AnonymousAsync(request, async () =>
        {
            var outcome = await answer.AcceptAsync(token, ct);
            if (!outcome.Succeeded)
            {
                return Problems.From(outcome.Failure);
            }

            var receipt = outcome.Value;
            return new JsonResponse(StatusCodes.Status201Created, new BookingResponse(
                    receipt.AppointmentId!, Domain.Appointments.AppointmentStatus.Confirmed, receipt.PractitionerId!,
                    ApiFormat.Time(receipt.Start!.Value), ApiFormat.Time(receipt.End!.Value)))
                .WithHeader("Location", $"/api/appointments/{receipt.AppointmentId}");
        });

    [Function("DeclineOffer")]
    public Task<IActionResult> Decline(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "offers/{token}/decline")] HttpRequest request,
        string token,
        CancellationToken ct) =>
        http.AnonymousAsync(request, async () =>
        {
            var outcome = await answer.DeclineAsync(token, ct);
            return outcome.Succeeded ? new JsonResponse(StatusCodes.Status204NoContent, null) : Problems.From(outcome.Failure);
        });
}
