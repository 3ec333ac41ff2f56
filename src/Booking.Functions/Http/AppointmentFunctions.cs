using Booking.Application.Booking;
using Booking.Application.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Booking.Functions.Http;

/// <summary>Booking, reading, cancelling and rescheduling appointments.</summary>
public sealed class AppointmentFunctions(
    HttpPipeline http, BookAppointment book, GetAppointment get, CancelAppointment cancel, RescheduleAppointment reschedule)
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    [Function(nameof(BookAppointment))]
    public Task<IActionResult> Book(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "appointments")] HttpRequest request, CancellationToken ct) =>
        http.AuthenticatedAsync(request, [Role.Patient], async caller =>
        {
            var body = await HttpPipeline.ReadBodyAsync<BookAppointmentCommand>(request);
            if (!body.Succeeded)
            {
                return Problems.From(body.Failure);
            }

            var key = request.Headers.TryGetValue(IdempotencyKeyHeader, out var values) && values.Count == 1 ? values[0] : null;
            var outcome = await book.HandleAsync(caller, key, body.Value, ct);
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

    [Function(nameof(GetAppointment))]
    public Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "appointments/{appointmentId}")] HttpRequest request,
        string appointmentId,
        CancellationToken ct) =>
        http.AuthenticatedAsync(request, async caller =>
        {
            var outcome = await get.HandleAsync(caller, appointmentId, ct);
            return outcome.Succeeded
                ? new JsonResponse(StatusCodes.Status200OK, AppointmentResponse.Of(outcome.Value))
                : Problems.From(outcome.Failure);
        });

    [Function(nameof(CancelAppointment))]
    public Task<IActionResult> Cancel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "appointments/{appointmentId}/cancel")] HttpRequest request,
        string appointmentId,
        CancellationToken ct) =>
        http.AuthenticatedAsync(request, [Role.Patient, Role.Practitioner], async caller =>
        {
            var outcome = await cancel.HandleAsync(caller, appointmentId, ct);
            return outcome.Succeeded
                ? new JsonResponse(StatusCodes.Status200OK, new CancellationResponse(outcome.Value.AppointmentId, outcome.Value.Status))
                : Problems.From(outcome.Failure);
        });

    [Function(nameof(RescheduleAppointment))]
    public Task<IActionResult> Reschedule(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "appointments/{appointmentId}/reschedule")] HttpRequest request,
        string appointmentId,
        CancellationToken ct) =>
        http.AuthenticatedAsync(request, [Role.Patient, Role.Practitioner], async caller =>
        {
            var body = await HttpPipeline.ReadBodyAsync<RescheduleRequest>(request);
            if (!body.Succeeded)
            {
                return Problems.From(body.Failure);
            }

            var outcome = await reschedule.HandleAsync(caller, appointmentId, body.Value.SlotId, body.Value.VisitTypeId, ct);
            if (!outcome.Succeeded)
            {
                return Problems.From(outcome.Failure);
            }

            var a = outcome.Value;
            return new JsonResponse(StatusCodes.Status200OK, new BookingResponse(
                a.Id, a.Status, a.PractitionerId, ApiFormat.Time(a.Placement.LocalStart), ApiFormat.Time(a.Placement.LocalEnd)));
        });

    public sealed record RescheduleRequest(string? SlotId, string? VisitTypeId = null);
}
