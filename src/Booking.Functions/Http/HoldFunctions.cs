using Booking.Application.Common;
using Booking.Application.Holds;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Booking.Functions.Http;

/// <summary>A patient's short holds on slots while they fill in the booking form.</summary>
public sealed class HoldFunctions(HttpPipeline http, PlaceHold place, ReleaseHold release)
{
    [Function(nameof(PlaceHold))]
    public Task<IActionResult> Place(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "holds")] HttpRequest request, CancellationToken ct) =>
        http.AuthenticatedAsync(request, [Role.Patient], async caller =>
        {
            var body = await HttpPipeline.ReadBodyAsync<PlaceHoldCommand>(request);
            if (!body.Succeeded)
            {
                return Problems.From(body.Failure);
            }

            var outcome = await place.HandleAsync(caller, body.Value, ct);
            return outcome.Succeeded
                ? new JsonResponse(StatusCodes.Status201Created, new HoldResponse(
                        outcome.Value.HoldId, outcome.Value.SlotId, NodaTime.Text.InstantPattern.ExtendedIso.Format(outcome.Value.ExpiresAt)))
                    .WithHeader("Location", $"/api/holds/{outcome.Value.HoldId}")
                : Problems.From(outcome.Failure);
        });

    [Function(nameof(ReleaseHold))]
    public Task<IActionResult> Release(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "holds/{holdId}")] HttpRequest request,
        string holdId,
        CancellationToken ct) =>
        http.AuthenticatedAsync(request, [Role.Patient], async caller =>
        {
            var outcome = await release.HandleAsync(caller, holdId, ct);
            return outcome.Succeeded ? new JsonResponse(StatusCodes.Status204NoContent, null) : Problems.From(outcome.Failure);
        });

    public sealed record HoldResponse(string HoldId, string SlotId, string ExpiresAt);
}
