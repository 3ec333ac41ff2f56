using Booking.Application.Common;
using Booking.Application.Privacy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Booking.Functions.Http;

/// <summary>A patient's rights over their data: take it (export) and have it destroyed (erasure).</summary>
public sealed class MyDataFunctions(HttpPipeline http, ExportMyData export, EraseMe erase)
{
    [Function(nameof(ExportMyData))]
    public Task<IActionResult> Export(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "me/export")] HttpRequest request, CancellationToken ct) =>
        http.AuthenticatedAsync(request, [Role.Patient], async caller =>
        {
            var outcome = await export.HandleAsync(caller, ct);
            return outcome.Succeeded
                ? new JsonResponse(StatusCodes.Status200OK, ExportResponse.Of(outcome.Value))
                : Problems.From(outcome.Failure);
        });

    [Function(nameof(EraseMe))]
    public Task<IActionResult> Erase(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "me")] HttpRequest request, CancellationToken ct) =>
        http.AuthenticatedAsync(request, [Role.Patient], async caller =>
        {
            var outcome = await erase.HandleAsync(caller, ct);
            return outcome.Succeeded ? new JsonResponse(StatusCodes.Status204NoContent, null) : Problems.From(outcome.Failure);
        });
}
