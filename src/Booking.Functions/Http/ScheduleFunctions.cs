using Booking.Application.Common;
using Booking.Application.Schedules;
using Booking.Domain.Practitioners;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Booking.Functions.Http;

/// <summary>A practitioner's own side: publishing the schedule and reading the agenda.</summary>
public sealed class ScheduleFunctions(HttpPipeline http, PublishSchedule publish, GetAgenda agenda)
{
    [Function(nameof(PublishSchedule))]
    public Task<IActionResult> Publish(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "practitioners/{practitionerId}/schedule")] HttpRequest request,
        string practitionerId,
        CancellationToken ct) =>
        http.AuthenticatedAsync(request, [Role.Practitioner, Role.Operator], async caller =>
        {
            var body = await HttpPipeline.ReadBodyAsync<ScheduleDraft>(request);
            if (!body.Succeeded)
            {
                return Problems.From(body.Failure);
            }

            var outcome = await publish.HandleAsync(caller, new PublishScheduleCommand(practitionerId, body.Value), ct);
            return outcome.Succeeded
                ? new JsonResponse(StatusCodes.Status200OK, ScheduleResponse.Of(practitionerId, outcome.Value))
                : Problems.From(outcome.Failure);
        });

    [Function(nameof(GetAgenda))]
    public Task<IActionResult> Agenda(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "practitioners/{practitionerId}/agenda")] HttpRequest request,
        string practitionerId,
        CancellationToken ct) =>
        http.AuthenticatedAsync(request, [Role.Practitioner, Role.Operator], async caller =>
        {
            var outcome = await agenda.HandleAsync(caller, practitionerId, request.Query["date"], PageQuery.Of(request), ct);
            return outcome.Succeeded
                ? new JsonResponse(StatusCodes.Status200OK, new AgendaResponse(
                    ApiFormat.Date(outcome.Value.Date), outcome.Value.Appointments.Select(AgendaEntryResponse.Of).ToList(), outcome.Value.Next))
                : Problems.From(outcome.Failure);
        });
}
