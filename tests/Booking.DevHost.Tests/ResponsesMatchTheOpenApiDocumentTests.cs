using System.Globalization;
using System.Net;

namespace Booking.DevHost.Tests;

/// <summary>
/// The answers of the booking flow's representative routes, successes and problems, match openapi.json: declared
/// status, media type, headers and body schema (<see cref="OpenApiResponseCheck"/>).
/// </summary>
public sealed class ResponsesMatchTheOpenApiDocumentTests : IAsyncLifetime
{
    private readonly List<string> _violations = [];
    private DevHostFixture _host = null!;

    private ApiClient Api => _host.Client;

    public async Task InitializeAsync() => _host = await DevHostFixture.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task BookingFlowAnswersMatchTheDocumentedStatusesHeadersAndSchemas()
    {
        var practitioner = await Scenario.PractitionerAsync(Api);
        var soon = DateTime.UtcNow.Date.AddDays(5);
        await Checked("PUT", "/practitioners/{practitionerId}/schedule", Api.PutAsync($"/api/practitioners/{practitioner.Id}/schedule", ScheduleWithExceptions(soon), practitioner.Token), HttpStatusCode.OK);
        await Checked("GET", "/practitioners", Api.GetAsync("/api/practitioners?city=evry&days=3"), HttpStatusCode.OK);
        await Checked("GET", "/practitioners", Api.GetAsync("/api/practitioners?city=evry&days=0"), HttpStatusCode.BadRequest);
        await Scenario.PractitionerAsync(Api, name: "Dr Zoé Second");
        var page = await Checked("GET", "/practitioners", Api.GetAsync("/api/practitioners?city=evry&limit=1"), HttpStatusCode.OK);
        Assert.NotNull(page.Body["next"]); // the string case of `next`; the null one is every last page below
        await Checked("GET", "/practitioners", Api.GetAsync($"/api/practitioners?city=paris&cursor={page.Body["next"]}"), HttpStatusCode.BadRequest);
        await Checked("GET", "/practitioners/{practitionerId}/slots", Api.GetAsync($"/api/practitioners/{practitioner.Id}/slots?limit=2"), HttpStatusCode.OK);
        var slots = await Checked("GET", "/practitioners/{practitionerId}/slots", Api.GetAsync($"/api/practitioners/{practitioner.Id}/slots"), HttpStatusCode.OK);
        await Checked("GET", "/practitioners/{practitionerId}/slots", Api.GetAsync("/api/practitioners/AAAAAAAAAAAAAAAAAAAAAA/slots"), HttpStatusCode.NotFound);
        var slot = slots.Body["slots"]![0]!;
        var patient = await Api.TokenAsync("patient-openapi", "patient");

        var booking = Scenario.Booking(slot["slotId"]!.GetValue<string>(), reason: "Suivi");
        var booked = await Checked("POST", "/appointments", Api.PostAsync("/api/appointments", booking, patient, "k1"), HttpStatusCode.Created);
        await Checked("POST", "/appointments", Api.PostAsync("/api/appointments", booking, patient, "k2"), HttpStatusCode.Conflict);
        await Checked("POST", "/appointments", Api.PostAsync("/api/appointments", Scenario.Booking(slot["slotId"]!.GetValue<string>(), reason: "Autre"), patient, "k1"), HttpStatusCode.UnprocessableEntity);
        await Checked("POST", "/appointments", Api.PostAsync("/api/appointments", booking, null, "k3"), HttpStatusCode.Unauthorized);
        var appointment = $"/api/appointments/{booked.Body["appointmentId"]}";
        await Checked("GET", "/appointments/{appointmentId}", Api.GetAsync(appointment, patient), HttpStatusCode.OK);
        var date = slot["start"]!.GetValue<string>()[..10];
        await Checked("GET", "/practitioners/{practitionerId}/agenda", Api.GetAsync($"/api/practitioners/{practitioner.Id}/agenda?date={date}", practitioner.Token), HttpStatusCode.OK);
        await Checked("GET", "/practitioners/{practitionerId}/agenda", Api.GetAsync($"/api/practitioners/{practitioner.Id}/agenda?date={date}", patient), HttpStatusCode.Forbidden);
        await Checked("GET", "/me/export", Api.GetAsync("/api/me/export", patient), HttpStatusCode.OK);
        await Checked("GET", "/me/appointments", Api.GetAsync("/api/me/appointments", patient), HttpStatusCode.OK);
        await Checked("GET", "/me/appointments", Api.GetAsync("/api/me/appointments?cursor=AAAA", patient), HttpStatusCode.BadRequest);

        await Checked("DELETE", "/me", Api.SendAsync(HttpMethod.Delete, "/api/me", null, patient), HttpStatusCode.NoContent);
        var erased = await Checked("GET", "/appointments/{appointmentId}", Api.GetAsync(appointment, practitioner.Token), HttpStatusCode.OK);
        await Checked("GET", "/practitioners/{practitionerId}/agenda", Api.GetAsync($"/api/practitioners/{practitioner.Id}/agenda?date={date}", practitioner.Token), HttpStatusCode.OK);
        await Checked("GET", "/me/export", Api.GetAsync("/api/me/export", patient), HttpStatusCode.OK);
        await Checked("GET", "/health", Api.GetAsync("/api/health"), HttpStatusCode.OK);

        Assert.Null(erased.Body["patient"]); // the nullable case the document must allow
        Assert.True(_violations.Count == 0, string.Join('\n', _violations));
    }

    /// <summary>Sends nothing itself: awaits the reply, asserts its status (the flow depends on it) and records what does not match the document.</summary>
    private async Task<Reply> Checked(string method, string template, Task<Reply> sent, HttpStatusCode expected)
    {
        var reply = await sent;
        Assert.True(reply.Status == expected, $"{method} {template}: expected {(int)expected}, got {reply}");
        _violations.AddRange(OpenApiResponseCheck.Violations(method, template, reply));
        return reply;
    }

    /// <summary>The scenario's schedule with a closed day and a day of reduced hours, so the answer carries the null fields.</summary>
    private static object ScheduleWithExceptions(DateTime soon) => new
    {
        timeZone = "Europe/Paris",
        slotMinutes = 30,
        weekly = Scenario.Week.Select(day => new { day, start = "08:00", end = "20:00" }).ToArray(),
        exceptions = new object[]
        {
            new { date = soon.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), closed = true },
            new { date = soon.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), start = "09:00", end = "12:00" },
        },
        horizonDays = 14,
        minNoticeMinutes = 60,
    };
}
