using Booking.Application.Common;
using Booking.Application.Operators;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Booking.Functions.Http;

/// <summary>Operators' tools for incidents.</summary>
public sealed class OperatorFunctions(HttpPipeline http, BuildBreachReport breachReport)
{
    [Function(nameof(BuildBreachReport))]
    public Task<IActionResult> BreachReport(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "operator/breach-report")] HttpRequest request, CancellationToken ct) =>
        http.AuthenticatedAsync(request, [Role.Operator], async caller =>
        {
            var q = request.Query;
            var outcome = await breachReport.HandleAsync(caller, q["principal"], q["from"], q["to"], ct);
            if (!outcome.Succeeded)
            {
                return Problems.From(outcome.Failure);
            }

            var r = outcome.Value;
            return new JsonResponse(StatusCodes.Status200OK, new BreachReportResponse(
                r.Principal, r.From.ToString(), r.To.ToString(), r.AppointmentCount, r.PatientCount,
                r.Appointments.Select(a => new BreachReportResponse.Read(
                    a.AppointmentId, a.PractitionerId, a.AccessedAt.ToString(), a.Fields.Select(ApiFormat.FieldName).ToList())).ToList()));
        });
}

public sealed record BreachReportResponse(
    string Principal, string From, string To, int AppointmentCount, int PatientCount, IReadOnlyList<BreachReportResponse.Read> Appointments)
{
    public sealed record Read(string AppointmentId, string? PractitionerId, string AccessedAt, IReadOnlyList<string> Fields);
}
