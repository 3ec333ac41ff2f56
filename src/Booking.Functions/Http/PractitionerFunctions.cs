using Booking.Application.Common;
using Booking.Application.Practitioners;
using Booking.Application.Search;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Booking.Functions.Http;

/// <summary>The directory: search, registration and free slots of practitioners.</summary>
public sealed class PractitionerFunctions(
    HttpPipeline http, SearchPractitioners search, RegisterPractitioner register, GetPractitioner getPractitioner, ListFreeSlots listSlots)
{
    [Function(nameof(SearchPractitioners))]
    public Task<IActionResult> Search(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "practitioners")] HttpRequest request, CancellationToken ct) =>
        http.AnonymousAsync(request, async () =>
        {
            var q = request.Query;
            var outcome = await search.HandleAsync(new SearchPractitionersQuery(q["city"], q["specialty"], q["from"], q["days"], PageQuery.Of(request), q["visitType"]), ct);
            return outcome.Succeeded
                ? new JsonResponse(StatusCodes.Status200OK, new ItemsResponse<SearchHitResponse>(outcome.Value.Items.Select(SearchHitResponse.Of).ToList(), outcome.Value.Next)).Public()
                : Problems.From(outcome.Failure);
        });

    [Function(nameof(RegisterPractitioner))]
    public Task<IActionResult> Register(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "practitioners")] HttpRequest request, CancellationToken ct) =>
        http.AuthenticatedAsync(request, [Role.Operator], async caller =>
        {
            var body = await HttpPipeline.ReadBodyAsync<RegisterPractitionerCommand>(request);
            if (!body.Succeeded)
            {
                return Problems.From(body.Failure);
            }

            var outcome = await register.HandleAsync(caller, body.Value, ct);
            return outcome.Succeeded
                ? new JsonResponse(StatusCodes.Status201Created, PractitionerResponse.Of(outcome.Value))
                    .WithHeader("Location", $"/api/practitioners/{outcome.Value.PractitionerId}")
                : Problems.From(outcome.Failure);
        });

    [Function(nameof(GetPractitioner))]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "practitioners/{practitionerId}")] HttpRequest request,
        string practitionerId,
        CancellationToken ct) =>
        http.AnonymousAsync(request, async () =>
        {
            var outcome = await getPractitioner.HandleAsync(practitionerId, ct);
            return outcome.Succeeded
                ? new JsonResponse(StatusCodes.Status200OK, PractitionerResponse.Of(outcome.Value)).Public()
                : Problems.From(outcome.Failure);
        });

    [Function(nameof(ListFreeSlots))]
    public Task<IActionResult> Slots(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "practitioners/{practitionerId}/slots")] HttpRequest request,
        string practitionerId,
        CancellationToken ct) =>
        http.AnonymousAsync(request, async () =>
        {
            var outcome = await listSlots.HandleAsync(new ListFreeSlotsQuery(practitionerId, request.Query["from"], request.Query["to"], PageQuery.Of(request), request.Query["visitType"]), ct);
            return outcome.Succeeded
                ? new JsonResponse(StatusCodes.Status200OK, new SlotListResponse(
                    outcome.Value.PractitionerId, outcome.Value.TimeZone, outcome.Value.Slots.Select(SlotResponse.Of).ToList(), outcome.Value.Next)).Public()
                : Problems.From(outcome.Failure);
        });
}
