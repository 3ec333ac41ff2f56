using Booking.Application.Booking;
using Booking.Application.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Booking.Functions.Http;

public sealed class MyAppointmentsFunction(HttpPipeline http, ListMyAppointments list)
{
    [Function(nameof(ListMyAppointments))]
    public Task<IActionResult> Mine(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "me/appointments")] HttpRequest request, CancellationToken ct) =>
        http.AuthenticatedAsync(request, [Role.Patient], async caller =>
        {
            var outcome = await list.HandleAsync(caller, PageQuery.Of(request), ct);
            return outcome.Succeeded
                ? new JsonResponse(StatusCodes.Status200OK, new ItemsResponse<AppointmentResponse>(outcome.Value.Items.Select(AppointmentResponse.Of).ToList(), outcome.Value.Next))
                : Problems.From(outcome.Failure);
        });
}
