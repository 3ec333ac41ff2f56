using System.Net;
using Booking.Application.Booking;
using Booking.Application.Common;
using Booking.Application.Idempotency;
using Booking.Application.Privacy;
using Booking.Application.Storage;
using Booking.Domain.Appointments;
using Booking.Infrastructure.Auth;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Booking.DevHost.Tests;

/// <summary>
/// <c>DELETE /api/me</c> while the same patient's booking is in flight, over HTTP, round after round with new patients. The
/// erasure may take effect before the booking (which then books under a fresh data key, as any later booking would) or
/// after it (which it then erases); either way nothing of the patient is left readable that the patient can't see in their
/// export and erase again, and nothing answers 500.
/// </summary>
public sealed class ErasureRaceTests(ITestOutputHelper output)
{
    private const int Rounds = 60;

    [Fact]
    public async Task AnErasureRacingABookingLeavesNothingReadableThatTheExportMissesOrASecondErasureKeeps()
    {
        await using var host = await DevHostFixture.StartAsync();
        var api = host.Client;
        var practitioner = await Scenario.PractitionerAsync(api);
        var slots = await SlotsAsync(api, practitioner.Id);
        var rounds = await Task.WhenAll(Enumerable.Range(0, Rounds).Select(round => Task.Run(() => RaceAsync(host, round, slots[round]))));
        await host.Services.GetRequiredService<BackgroundWork>().WhenIdleAsync(TimeSpan.FromSeconds(30));

        var outcomes = new List<string>();
        foreach (var round in rounds)
        {
            outcomes.Add($"round {round.Number} ({round.Phase}): {await CheckAsync(host, practitioner, round)}");
        }

        output.WriteLine(string.Join('\n', outcomes));
        Assert.DoesNotContain(outcomes, o => o.Contains("WRONG", StringComparison.Ordinal));
    }

    // What became of one round's patient: "erased", "refused" or "booked after the erasure"; "WRONG: …" for any state
    // that leaves something of the patient behind (readable, or filed where no export or erasure of theirs finds it).
    private static async Task<string> CheckAsync(DevHostFixture host, Scenario.Practitioner practitioner, Round round)
    {
        var api = host.Client;
        if (round.Erasure != HttpStatusCode.NoContent || round.Booking is not (HttpStatusCode.Created or HttpStatusCode.Conflict))
        {
            return $"WRONG: the erasure answered {round.Erasure}, the booking {round.Booking}";
        }

        var export = await api.GetAsync("/api/me/export", round.Token);
        var exported = export.Body["appointments"]!.AsArray().Select(a => a!["appointmentId"]!.GetValue<string>()).ToList();
        if (round.AppointmentId is not { } id)
        {
            return export.Text.Contains(round.Email, StringComparison.Ordinal) ? "WRONG: refused, yet exported" : "refused";
        }

        var stored = (await host.Services.GetRequiredService<IDocumentStore<Appointment>>().ReadAsync(AppointmentKeys.Appointment(id), default))!.Value;
        var shown = await PatientInAgendaAsync(api, practitioner, id);
        if (shown is null)
        {
            return export.Text.Contains(round.Email, StringComparison.Ordinal) ? "WRONG: unreadable in the agenda, yet exported"
                : stored.PatientId != Appointment.ErasedPatientId && !exported.Contains(id) ? "WRONG: unreadable but still the patient's, and not in their export"
                : await OpenedByTheDoorAsync(host, id) is not null ? "WRONG: the door still opens it"
                : "erased";
        }

        // The erasure went first: a booking made after it, which the patient sees whole and can erase in turn.
        if (!exported.Contains(id) || !export.Text.Contains(round.Email, StringComparison.Ordinal))
        {
            return "WRONG: readable in the agenda, but not in the patient's export";
        }

        var again = await api.SendAsync(HttpMethod.Delete, "/api/me", null, round.Token);
        return again.Status != HttpStatusCode.NoContent || await PatientInAgendaAsync(api, practitioner, id) is not null
            || (await api.GetAsync("/api/me/export", round.Token)).Text.Contains(round.Email, StringComparison.Ordinal)
            || await OpenedByTheDoorAsync(host, id) is not null
            ? "WRONG: booked after the erasure, and a second erasure left it readable"
            : "booked after the erasure";
    }

    private static async Task<Round> RaceAsync(DevHostFixture host, int number, string slotId)
    {
        var api = host.Client;
        var subject = $"erasure-race-{number}";
        var token = await api.TokenAsync(subject, "patient");
        var email = subject + "@example.org";
        var body = new
        {
            slotId,
            patient = new { firstName = "Zoé", lastName = "Quennehen", email, phone = "06 12 34 56 78", birthDate = "1980-02-29" },
            reason = "Suivi",
            consent = new { email = true, sms = false },
        };

        // The erasure is sent with the booking, once the booking has claimed its key (it is then sealing, holding the slot,
        // writing), or once its appointment is written (its filing under the patient may still be under way).
        var phase = (Phase)(number % 3);
        var booking = api.PostAsync("/api/appointments", body, token, $"race-{number}");
        await (phase switch
        {
            Phase.Claimed => UntilAsync(booking, () => ClaimAsync(host, subject), c => c is not null),
            Phase.Written => UntilAsync(booking, () => WrittenAsync(host, subject), written => written),
            _ => Task.CompletedTask,
        });
        var (erased, booked) = (await api.SendAsync(HttpMethod.Delete, "/api/me", null, token), await booking);
        var id = booked.Status == HttpStatusCode.Created ? booked.Body["appointmentId"]!.GetValue<string>() : null;
        return new Round(number, phase, token, email, booked.Status, erased.Status, id);
    }

    // Until the condition holds or the booking has answered (it may finish before the condition is seen).
    private static async Task UntilAsync<T>(Task booking, Func<Task<T>> read, Func<T, bool> holds)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!booking.IsCompleted && !holds(await read()))
        {
            Assert.True(DateTime.UtcNow < deadline, "The booking neither answered nor got there within 30 s.");
            await Task.Delay(1);
        }
    }

    private static async Task<IdempotencyRecord?> ClaimAsync(DevHostFixture host, string subject) =>
        await host.Services.GetRequiredService<IDocumentStore<IdempotencyRecord>>()
            .ReadPartitionAsync(BookAppointment.IdempotencyScope(PatientIdentity.IdOf("booking-dev", subject)), default) is [var claim, ..] ? claim.Value : null;

    private static async Task<bool> WrittenAsync(DevHostFixture host, string subject) =>
        await ClaimAsync(host, subject) is { } claim
        && await host.Services.GetRequiredService<IDocumentStore<Appointment>>().ReadAsync(AppointmentKeys.Appointment(claim.OperationId), default) is not null;

    private static async Task<string?> PatientInAgendaAsync(ApiClient api, Scenario.Practitioner practitioner, string appointmentId)
    {
        var appointment = await api.GetAsync($"/api/appointments/{appointmentId}", practitioner.Token);
        Assert.Equal(HttpStatusCode.OK, appointment.Status);
        var date = appointment.Body["start"]!.GetValue<string>()[..10];
        string? cursor = null;
        do
        {
            var agenda = await api.GetAsync($"/api/practitioners/{practitioner.Id}/agenda?date={date}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"), practitioner.Token);
            Assert.Equal(HttpStatusCode.OK, agenda.Status);
            if (agenda.Body["appointments"]!.AsArray().SingleOrDefault(a => a!["appointmentId"]!.GetValue<string>() == appointmentId) is { } entry)
            {
                return entry["patient"]?["email"]?.GetValue<string>();
            }

            cursor = agenda.Body["next"]?.GetValue<string>();
        }
        while (cursor is not null);

        Assert.Fail($"{appointmentId} is not in its day's agenda.");
        return null;
    }

    // What the product's own door opens of the stored appointment, as any reader would: nothing once erased.
    private static async Task<string?> OpenedByTheDoorAsync(DevHostFixture host, string appointmentId)
    {
        var stored = await host.Services.GetRequiredService<IDocumentStore<Appointment>>().ReadAsync(AppointmentKeys.Appointment(appointmentId), default);
        var view = await host.Services.GetRequiredService<PersonalDataDoor>().OpenAsync(new Caller("ops", Role.Operator), "test", stored!.Value, default);
        return view.Patient?.Email ?? view.Reason;
    }

    private static async Task<IReadOnlyList<string>> SlotsAsync(ApiClient api, string practitionerId)
    {
        var slots = new List<string>();
        string? cursor = null;
        do
        {
            var page = await api.GetAsync($"/api/practitioners/{practitionerId}/slots" + (cursor is null ? "" : $"?cursor={Uri.EscapeDataString(cursor)}"));
            Assert.Equal(HttpStatusCode.OK, page.Status);
            slots.AddRange(page.Body["slots"]!.AsArray().Select(s => s!["slotId"]!.GetValue<string>()));
            cursor = page.Body["next"]?.GetValue<string>();
        }
        while (cursor is not null && slots.Count < Rounds);

        return slots;
    }

    private enum Phase { Together, Claimed, Written }

    private sealed record Round(int Number, Phase Phase, string Token, string Email, HttpStatusCode Booking, HttpStatusCode Erasure, string? AppointmentId);
}
