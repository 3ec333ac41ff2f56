using Booking.Application.Common;
using Booking.Application.Waitlist;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Booking.Functions.Http;

/// <summary>A patient's waitlist entries: join, list, read, leave.</summary>
public sealed class WaitlistFunctions(HttpPipeline http, JoinWaitlist join, ListMyWaitlist list, GetWaitlistEntry get, LeaveWaitlist leave)
{
    [Function(nameof(JoinWaitlist))]
    public Task<IActionResult> Join(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "waitlist")] HttpRequest request, CancellationToken ct) =>
        http.AuthenticatedAsync(request, [Role.Patient], async caller =>
        {
            var body = await HttpPipeline.ReadBodyAsync<JoinWaitlistCommand>(request);
            if (!body.Succeeded)
            {
                return Problems.From(body.Failure);
            }

            var key = request.Headers.TryGetValue(AppointmentFunctions.IdempotencyKeyHeader, out var values) && values.Count == 1 ? values[0] : null;
            var outcome = await join.HandleAsync(caller, key, body.Value, ct);
            return outcome.Succeeded
                ? new JsonResponse(StatusCodes.Status201Created, WaitlistResponse.Of(outcome.Value)).WithHeader("Location", $"/api/waitlist/{outcome.Value.WaitlistId}")
                : Problems.From(outcome.Failure);
        });

    [Function(nameof(ListMyWaitlist))]
    public Task<IActionResult> Mine(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "me/waitlist")] HttpRequest request, CancellationToken ct) =>
        http.AuthenticatedAsync(request, [Role.Patient], async caller =>
        {
            var outcome = await list.HandleAsync(caller, PageQuery.Of(request), ct);
            return outcome.Succeeded
                ? new JsonResponse(StatusCodes.Status200OK, new ItemsResponse<WaitlistResponse>(outcome.Value.Items.Select(WaitlistResponse.Of).ToList(), outcome.Value.Next))
                : Problems.From(outcome.Failure);
        });

    [Function(nameof(GetWaitlistEntry))]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "waitlist/{waitlistId}")] HttpRequest request,
        string waitlistId,
        CancellationToken ct) =>
        http.AuthenticatedAsync(request, [Role.Patient], async caller =>
        {
            var outcome = await get.HandleAsync(caller, waitlistId, ct);
            return outcome.Succeeded ? new JsonResponse(StatusCodes.Status200OK, WaitlistResponse.Of(outcome.Value)) : Problems.From(outcome.Failure);
        });

    [Function(nameof(LeaveWaitlist))]
    public Task<IActionResult> Leave(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "waitlist/{waitlistId}")] HttpRequest request,
        string waitlistId,
        CancellationToken ct) =>
        http.AuthenticatedAsync(request, [Role.Patient], async caller =>
        {
            var outcome = await leave.HandleAsync(caller, waitlistId, ct);
            return outcome.Succeeded ? new JsonResponse(StatusCodes.Status204NoContent, null) : Problems.From(outcome.Failure);
        });
}
