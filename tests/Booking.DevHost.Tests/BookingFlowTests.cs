using System.Net;

namespace Booking.DevHost.Tests;

/// <summary>API.md's flow end to end through the local host: search, slots, book, replay, read, reschedule, cancel.</summary>
public sealed class BookingFlowTests : IAsyncLifetime
{
    private DevHostFixture _host = null!;

    private ApiClient Api => _host.Client;

    public async Task InitializeAsync() => _host = await DevHostFixture.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("/api/nowhere")]
    [InlineData("/api/partners/keys/key.v2")] // a last segment that looks like a file name
    [InlineData("/api/openapi.yaml")]
    public async Task AnUnknownRouteIsA404Problem(string path)
    {
        var reply = await Api.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Equal("application/problem+json", reply.MediaType);
    }

    [Fact]
    public async Task SearchFindsPractitionerIgnoringCaseAndAccentsWithUpToThreeFreeSlots()
    {
        var practitioner = await Scenario.PractitionerAsync(Api, city: "Évry", specialty: "Psychiatrie");
        await Scenario.PractitionerAsync(Api, city: "Lyon", specialty: "Psychiatrie");

        var reply = await Api.GetAsync("/api/practitioners?city=EVRY&specialty=psychiatrie&days=3");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var item = Assert.Single(reply.Body["items"]!.AsArray());
        Assert.Equal(practitioner.Id, item!["practitionerId"]!.GetValue<string>());
        Assert.Equal("Évry", item["city"]!.GetValue<string>());
        Assert.Equal(3, item["firstFreeSlots"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("/api/practitioners?city=evry&days=15")]
    [InlineData("/api/practitioners?city=evry&days=0")]
    [InlineData("/api/practitioners?city=evry&days=abc")]
    [InlineData("/api/practitioners?city=evry&from=2026-02-30")]
    [InlineData("/api/practitioners?city=evry&from=tomorrow")]
    [InlineData("/api/practitioners")]
    public async Task SearchAnswersBadRequestProblemGivenBadQuery(string path)
    {
        var reply = await Api.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("application/problem+json", reply.MediaType);
        Assert.NotNull(reply.Body["errors"]);
    }

    [Fact]
    public async Task SlotListingIsSortedFreeOnlyAndRejectsBadRanges()
    {
        var practitioner = await Scenario.PractitionerAsync(Api);
        var asked = DateTimeOffset.UtcNow;
        var reply = await Api.GetAsync($"/api/practitioners/{practitioner.Id}/slots");
        var starts = reply.Body["slots"]!.AsArray().Select(s => DateTimeOffset.Parse(s!["start"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(starts);
        Assert.Equal(starts.OrderBy(s => s), starts);
        Assert.All(starts, s => Assert.True(s >= asked.AddMinutes(60), $"a slot inside the minimum notice was listed: {s:O}, asked at {asked:O}"));
        Assert.Equal("Europe/Paris", reply.Body["timeZone"]!.GetValue<string>());

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.Equal(HttpStatusCode.BadRequest, (await Api.GetAsync($"/api/practitioners/{practitioner.Id}/slots?from={today:yyyy-MM-dd}&to={today.AddDays(31):yyyy-MM-dd}")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Api.GetAsync($"/api/practitioners/{practitioner.Id}/slots?from={today:yyyy-MM-dd}&to={today.AddDays(-1):yyyy-MM-dd}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await Api.GetAsync($"/api/practitioners/{practitioner.Id}/slots?from={today:yyyy-MM-dd}&to={today.AddDays(30):yyyy-MM-dd}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.GetAsync("/api/practitioners/AAAAAAAAAAAAAAAAAAAAAA/slots")).Status);
    }

    [Fact]
    public async Task AskingFromTheCalendarsLastDateFindsNothingInsteadOfFailing()
    {
        var practitioner = await Scenario.PractitionerAsync(Api, city: "Évry");

        var slots = await Api.GetAsync($"/api/practitioners/{practitioner.Id}/slots?from=9999-12-31");
        var search = await Api.GetAsync("/api/practitioners?city=evry&from=9999-12-31&days=14");

        Assert.Equal(HttpStatusCode.OK, slots.Status);
        Assert.Empty(slots.Body["slots"]!.AsArray());
        Assert.Equal(HttpStatusCode.OK, search.Status);
        Assert.Empty(Assert.Single(search.Body["items"]!.AsArray())!["firstFreeSlots"]!.AsArray());
    }

    [Fact]
    public async Task BookingConfirmsOnceAndReplaysTheFirstResponseForTheSameKey()
    {
        var practitioner = await Scenario.PractitionerAsync(Api);
        var slot = (await Scenario.FreeSlotIdsAsync(Api, practitioner.Id))[0];
        var patient = await Api.TokenAsync("patient-a", "patient");

        var first = await Api.PostAsync("/api/appointments", Scenario.Booking(slot), patient, "key-1");
        var replay = await Api.PostAsync("/api/appointments", Scenario.Booking(slot), patient, "key-1");

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal("confirmed", first.Body["status"]!.GetValue<string>());
        Assert.Equal($"/api/appointments/{first.Body["appointmentId"]}", first.Location);
        Assert.Equal(HttpStatusCode.Created, replay.Status);
        Assert.Equal(first.Text, replay.Text);
        Assert.Single((await Api.GetAsync("/api/me/appointments", patient)).Body["items"]!.AsArray());
        Assert.DoesNotContain(slot, await Scenario.FreeSlotIdsAsync(Api, practitioner.Id));
    }

    [Fact]
    public async Task BookingRefusesReusedKeyMissingKeyAndTakenSlot()
    {
        var practitioner = await Scenario.PractitionerAsync(Api);
        var slots = await Scenario.FreeSlotIdsAsync(Api, practitioner.Id);
        var patient = await Api.TokenAsync("patient-a", "patient");
        var other = await Api.TokenAsync("patient-b", "patient");
        Assert.Equal(HttpStatusCode.Created, (await Api.PostAsync("/api/appointments", Scenario.Booking(slots[0]), patient, "key-1")).Status);

        var reused = await Api.PostAsync("/api/appointments", Scenario.Booking(slots[1]), patient, "key-1");
        var missing = await Api.PostAsync("/api/appointments", Scenario.Booking(slots[1]), patient);
        var taken = await Api.PostAsync("/api/appointments", Scenario.Booking(slots[0]), other, "key-1");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.Status);
        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        Assert.Equal(HttpStatusCode.Conflict, taken.Status);
        Assert.EndsWith("/slot-taken", taken.ProblemType, StringComparison.Ordinal);
        Assert.Contains(slots[1], await Scenario.FreeSlotIdsAsync(Api, practitioner.Id));
        Assert.Empty((await Api.GetAsync("/api/me/appointments", other)).Body["items"]!.AsArray());
    }

    [Fact]
    public async Task BookingValidatesEveryFieldAndCreatesNothing()
    {
        var practitioner = await Scenario.PractitionerAsync(Api);
        var slot = (await Scenario.FreeSlotIdsAsync(Api, practitioner.Id))[0];
        var patient = await Api.TokenAsync("patient-a", "patient");
        var body = new
        {
            slotId = slot,
            patient = new { firstName = "", lastName = new string('x', 101), email = "not-an-email", phone = "12", birthDate = "2999-01-01" },
            consent = new { email = true },
        };

        var reply = await Api.PostAsync("/api/appointments", body, patient, "key-v");

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("application/problem+json", reply.MediaType);
        var errors = reply.Body["errors"]!.AsObject().Select(e => e.Key).ToHashSet();
        Assert.Superset(new HashSet<string> { "patient.firstName", "patient.lastName", "patient.email", "patient.phone", "patient.birthDate", "consent" }, errors);
        Assert.DoesNotContain("not-an-email", reply.Text, StringComparison.Ordinal);
        Assert.Contains(slot, await Scenario.FreeSlotIdsAsync(Api, practitioner.Id));
        Assert.Equal(HttpStatusCode.BadRequest, (await Api.PostAsync("/api/appointments", "{not json", patient, "key-w")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Api.PostAsync("/api/appointments", "{\"slotId\": 5}", patient, "key-x")).Status);
    }

    [Fact]
    public async Task AppointmentIsVisibleToItsPatientPractitionerAndOperatorOnly()
    {
        var practitioner = await Scenario.PractitionerAsync(Api);
        var otherPractitioner = await Scenario.PractitionerAsync(Api);
        var slot = (await Scenario.FreeSlotIdsAsync(Api, practitioner.Id))[0];
        var patient = await Api.TokenAsync("patient-a", "patient");
        var booked = await Api.PostAsync("/api/appointments", Scenario.Booking(slot, reason: "Suivi"), patient, "k");
        var path = $"/api/appointments/{booked.Body["appointmentId"]}";

        var own = await Api.GetAsync(path, patient);
        Assert.Equal(HttpStatusCode.OK, own.Status);
        Assert.Equal("+33612345678", own.Body["patient"]!["phone"]!.GetValue<string>());
        Assert.Equal("Suivi", own.Body["reason"]!.GetValue<string>());
        Assert.True(own.Body["consent"]!["email"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.OK, (await Api.GetAsync(path, practitioner.Token)).Status);
        Assert.Equal(HttpStatusCode.OK, (await Api.GetAsync(path, await Api.TokenAsync("ops", "operator"))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.GetAsync(path, await Api.TokenAsync("patient-b", "patient"))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.GetAsync(path, otherPractitioner.Token)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.GetAsync("/api/appointments/AAAAAAAAAAAAAAAAAAAAAA", patient)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Api.GetAsync(path)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Api.GetAsync(path, "not-a-token")).Status);
    }

    [Fact]
    public async Task AgendaShowsTheDaysAppointmentsWithPatientsToTheirPractitionerOnly()
    {
        var practitioner = await Scenario.PractitionerAsync(Api);
        var slotReply = await Api.GetAsync($"/api/practitioners/{practitioner.Id}/slots");
        var slot = slotReply.Body["slots"]![0]!;
        var patient = await Api.TokenAsync("patient-a", "patient");
        await Api.PostAsync("/api/appointments", Scenario.Booking(slot["slotId"]!.GetValue<string>()), patient, "k");
        var date = slot["start"]!.GetValue<string>()[..10];

        var agenda = await Api.GetAsync($"/api/practitioners/{practitioner.Id}/agenda?date={date}", practitioner.Token);

        Assert.Equal(HttpStatusCode.OK, agenda.Status);
        Assert.Equal(date, agenda.Body["date"]!.GetValue<string>());
        var entry = Assert.Single(agenda.Body["appointments"]!.AsArray());
        Assert.Equal("Zoé", entry!["patient"]!["firstName"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, (await Api.GetAsync($"/api/practitioners/{practitioner.Id}/agenda?date={date}", patient)).Status);
        var other = await Scenario.PractitionerAsync(Api);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.GetAsync($"/api/practitioners/{practitioner.Id}/agenda?date={date}", other.Token)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Api.GetAsync($"/api/practitioners/{practitioner.Id}/agenda?date=31-12-2026", practitioner.Token)).Status);
    }

    [Fact]
    public async Task RescheduleMovesToTheNewSlotAndFreesTheOldOne()
    {
        var practitioner = await Scenario.PractitionerAsync(Api);
        var slots = await Scenario.FreeSlotIdsAsync(Api, practitioner.Id);
        var patient = await Api.TokenAsync("patient-a", "patient");
        var other = await Api.TokenAsync("patient-b", "patient");
        var booked = await Api.PostAsync("/api/appointments", Scenario.Booking(slots[0]), patient, "k1");
        await Api.PostAsync("/api/appointments", Scenario.Booking(slots[2]), other, "k2");
        var path = $"/api/appointments/{booked.Body["appointmentId"]}";

        var toTaken = await Api.PostAsync(path + "/reschedule", new { slotId = slots[2] }, patient);
        var moved = await Api.PostAsync(path + "/reschedule", new { slotId = slots[1] }, patient);

        Assert.Equal(HttpStatusCode.Conflict, toTaken.Status);
        Assert.Equal(HttpStatusCode.OK, moved.Status);
        var free = await Scenario.FreeSlotIdsAsync(Api, practitioner.Id);
        Assert.Contains(slots[0], free);
        Assert.DoesNotContain(slots[1], free);
        Assert.NotEqual(booked.Body["start"]!.GetValue<string>(), moved.Body["start"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await Api.PostAsync(path + "/reschedule", new { slotId = slots[3] }, other)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Api.PostAsync(path + "/reschedule", new { slotId = "nope" }, patient)).Status);
    }

    [Fact]
    public async Task CancelFreesTheSlotAndRepeatingItAnswersTheSame()
    {
        var practitioner = await Scenario.PractitionerAsync(Api);
        var slot = (await Scenario.FreeSlotIdsAsync(Api, practitioner.Id))[0];
        var patient = await Api.TokenAsync("patient-a", "patient");
        var booked = await Api.PostAsync("/api/appointments", Scenario.Booking(slot), patient, "k1");
        var path = $"/api/appointments/{booked.Body["appointmentId"]}";

        var cancelled = await Api.PostAsync(path + "/cancel", null, patient);
        var again = await Api.PostAsync(path + "/cancel", null, practitioner.Token);

        Assert.Equal(HttpStatusCode.OK, cancelled.Status);
        Assert.Equal("cancelled", cancelled.Body["status"]!.GetValue<string>());
        Assert.Equal(cancelled.Text, again.Text);
        Assert.Contains(slot, await Scenario.FreeSlotIdsAsync(Api, practitioner.Id));
        Assert.Equal("cancelled", (await Api.GetAsync(path, patient)).Body["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await Api.PostAsync(path + "/cancel", null, await Api.TokenAsync("patient-b", "patient"))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await Api.PostAsync(path + "/cancel", null, await Api.TokenAsync("ops", "operator"))).Status);
        Assert.Equal(HttpStatusCode.Created, (await Api.PostAsync("/api/appointments", Scenario.Booking(slot), patient, "k2")).Status);
    }

    [Fact]
    public async Task RepublishingAScheduleKeepsBookedSlotsAndDropsTheRest()
    {
        var practitioner = await Scenario.PractitionerAsync(Api);
        var slot = (await Scenario.FreeSlotIdsAsync(Api, practitioner.Id))[0];
        var patient = await Api.TokenAsync("patient-a", "patient");
        var booked = await Api.PostAsync("/api/appointments", Scenario.Booking(slot), patient, "k1");

        var closedWeek = new { timeZone = "Europe/Paris", slotMinutes = 20, weekly = Array.Empty<object>(), exceptions = Array.Empty<object>() };
        Assert.Equal(HttpStatusCode.OK, (await Api.PutAsync($"/api/practitioners/{practitioner.Id}/schedule", closedWeek, practitioner.Token)).Status);

        Assert.Empty(await Scenario.FreeSlotIdsAsync(Api, practitioner.Id));
        var kept = await Api.GetAsync($"/api/appointments/{booked.Body["appointmentId"]}", patient);
        Assert.Equal("confirmed", kept.Body["status"]!.GetValue<string>());
        Assert.Equal(booked.Body["start"]!.GetValue<string>(), kept.Body["start"]!.GetValue<string>());
    }

    [Fact]
    public async Task RolesThatMayNeverDoSomethingGetForbiddenAndBadSchedulesGetFieldErrors()
    {
        var practitioner = await Scenario.PractitionerAsync(Api);
        var patient = await Api.TokenAsync("patient-a", "patient");
        var body = new { displayName = "X", specialty = "Y", city = "Z", timeZone = "Europe/Paris" };

        Assert.Equal(HttpStatusCode.Forbidden, (await Api.PostAsync("/api/practitioners", body, patient)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await Api.PostAsync("/api/practitioners", body, practitioner.Token)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Api.PostAsync("/api/practitioners", body)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await Api.PutAsync($"/api/practitioners/{practitioner.Id}/schedule", Scenario.Schedule(), patient)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await Api.PostAsync("/api/appointments", Scenario.Booking("x"), practitioner.Token, "k")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await Api.GetAsync("/api/me/appointments", practitioner.Token)).Status);

        var ops = await Api.TokenAsync("ops", "operator");
        var badPractitioner = await Api.PostAsync("/api/practitioners", new { displayName = "", specialty = "Y", city = "Z", timeZone = "Mars/Olympus" }, ops);
        Assert.Equal(HttpStatusCode.BadRequest, badPractitioner.Status);
        Assert.NotNull(badPractitioner.Body["errors"]!["timeZone"]);

        var badSchedule = new
        {
            timeZone = "Europe/Paris",
            slotMinutes = 2,
            weekly = new[] { new { day = "funday", start = "9h", end = "08:00" } },
            exceptions = new object[] { new { date = "2026-02-30", closed = true } },
        };
        var reply = await Api.PutAsync($"/api/practitioners/{practitioner.Id}/schedule", badSchedule, practitioner.Token);
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        var fields = reply.Body["errors"]!.AsObject().Select(e => e.Key).ToList();
        Assert.Contains("slotMinutes", fields);
        Assert.Contains("weekly[0].day", fields);
        Assert.Contains("weekly[0].start", fields);
        Assert.Contains("exceptions[0].date", fields);
    }

    [Fact]
    public async Task UnknownRoutesAnswerNotFoundProblem()
    {
        var reply = await Api.GetAsync("/api/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Equal("application/problem+json", reply.MediaType);
    }
}
