using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;

namespace Booking.DevHost.Tests;

/// <summary>
/// The waitlist end to end on a fake clock, with the offer timer run by hand (its own schedule is pushed out of the way):
/// a practitioner with one slot a day, so the only slot a patient waits for is one that frees.
/// </summary>
public sealed partial class WaitlistFlowTests : IAsyncLifetime
{
    private const string Reason = "Migraines chroniques";
    private readonly List<string> _violations = [];
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private DevHostFixture _host = null!;

    private ApiClient Api => _host.Client;

    public async Task InitializeAsync() => _host = await DevHostFixture.StartWithClockAsync(_clock, "--Waitlist:OfferSchedule=0 0 0 1 1 *");

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ACancellationIsOfferedToTheFirstPatientWaitingAndUnansweredPassesToTheNextWhoBooksIt()
    {
        var (practitioner, slots) = await OneSlotADayAsync();
        var slot = slots[0];
        var booker = await Api.TokenAsync("wl-booker", "patient");
        var booked = await Api.PostAsync("/api/appointments", Scenario.Booking(Id(slot)), booker, "b-1");
        Assert.Equal(HttpStatusCode.Created, booked.Status);

        var first = await Api.TokenAsync("wl-first", "patient");
        var second = await Api.TokenAsync("wl-second", "patient");
        var firstEntry = await JoinAsync(first, practitioner.Id, Date(slot), smsConsent: false);
        var secondEntry = await JoinAsync(second, practitioner.Id, Date(slot), smsConsent: true);
        Assert.Equal(firstEntry, Assert.Single((await Api.GetAsync("/api/me/waitlist", first)).Body["items"]!.AsArray())!["waitlistId"]!.GetValue<string>());
        await RunOffersAsync();
        Assert.Empty(await OffersSentAsync());

        Assert.Equal(HttpStatusCode.OK, (await Api.PostAsync($"/api/appointments/{booked.Body["appointmentId"]}/cancel", null, booker)).Status);
        await RunOffersAsync();

        var offered = await OffersSentAsync();
        var toFirst = Assert.Single(offered);
        Assert.Equal(firstEntry, toFirst["appointmentId"]!.GetValue<string>());
        Assert.Equal("email", toFirst["channel"]!.GetValue<string>());
        var text = toFirst["body"]!.GetValue<string>();
        Assert.DoesNotContain(Reason, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Psychiatrie", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Dr Hélène Test", text, StringComparison.Ordinal);
        var firstToken = OfferLink().Match(text).Groups["token"].Value;

        var view = await Checked("GET", "/offers/{token}", Api.GetAsync($"/api/offers/{firstToken}"), HttpStatusCode.OK);
        Assert.Equal(slot["start"]!.GetValue<string>(), view.Body["start"]!.GetValue<string>());
        Assert.Equal("no-store", view.Header("Cache-Control"));
        Assert.Equal("no-referrer", view.Header("Referrer-Policy"));
        var entry = await Checked("GET", "/waitlist/{waitlistId}", Api.GetAsync($"/api/waitlist/{firstEntry}", first), HttpStatusCode.OK);
        Assert.Equal("offered", entry.Body["status"]!.GetValue<string>());

        Assert.DoesNotContain(Id(slot), await Scenario.FreeSlotIdsAsync(Api, practitioner.Id));
        var stranger = await Api.TokenAsync("wl-stranger", "patient");
        var stolen = await Api.PostAsync("/api/appointments", Scenario.Booking(Id(slot), firstName: "Other"), stranger, "s-1");
        Assert.Equal(HttpStatusCode.Conflict, stolen.Status);
        Assert.EndsWith("/slot-taken", stolen.ProblemType, StringComparison.Ordinal);

        _clock.Advance(TimeSpan.FromMinutes(15));
        await Checked("GET", "/offers/{token}", Api.GetAsync($"/api/offers/{firstToken}"), HttpStatusCode.Gone);
        await RunOffersAsync();
        var toSecond = (await OffersSentAsync()).Where(n => n!["appointmentId"]!.GetValue<string>() == secondEntry).ToList();
        Assert.Equal(["email", "sms"], toSecond.Select(n => n!["channel"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var secondToken = OfferLink().Match(toSecond[0]!["body"]!.GetValue<string>()).Groups["token"].Value;
        var expired = await Checked("POST", "/offers/{token}/accept", Api.PostAsync($"/api/offers/{firstToken}/accept", null), HttpStatusCode.Gone);
        Assert.EndsWith("/offer-ended", expired.ProblemType, StringComparison.Ordinal);

        var accepted = await Checked("POST", "/offers/{token}/accept", Api.PostAsync($"/api/offers/{secondToken}/accept", null), HttpStatusCode.Created);
        Assert.Equal(slot["start"]!.GetValue<string>(), accepted.Body["start"]!.GetValue<string>());
        var again = await Checked("POST", "/offers/{token}/accept", Api.PostAsync($"/api/offers/{secondToken}/accept", null), HttpStatusCode.Created);
        Assert.Equal(accepted.Body["appointmentId"]!.GetValue<string>(), again.Body["appointmentId"]!.GetValue<string>());
        var appointment = await Api.GetAsync(accepted.Header("Location")!, second);
        Assert.Equal(Reason, appointment.Body["reason"]!.GetValue<string>());
        Assert.Equal("booked", (await Api.GetAsync($"/api/waitlist/{secondEntry}", second)).Body["status"]!.GetValue<string>());
        Assert.Equal("waiting", (await Api.GetAsync($"/api/waitlist/{firstEntry}", first)).Body["status"]!.GetValue<string>());
        var mine = await Checked("GET", "/me/waitlist", Api.GetAsync("/api/me/waitlist", second), HttpStatusCode.OK);
        Assert.Equal(secondEntry, Assert.Single(mine.Body["items"]!.AsArray())!["waitlistId"]!.GetValue<string>());
        Assert.Empty(_violations);
    }

    [Fact]
    public async Task AnOfferAcceptedAndAPublicBookingRacingForTheFreedSlotHaveExactlyOneWinner()
    {
        var (practitioner, slots) = await OneSlotADayAsync(horizonDays: 14);
        var races = slots.Take(12).ToList();
        var bookers = await Task.WhenAll(races.Select((_, i) => Api.TokenAsync($"race-booker-{i}", "patient")));
        var booked = await Task.WhenAll(races.Select((s, i) => Api.PostAsync("/api/appointments", Scenario.Booking(Id(s)), bookers[i], "b")));
        Assert.All(booked, b => Assert.Equal(HttpStatusCode.Created, b.Status));

        var outcomes = new List<string>();
        for (var i = 0; i < races.Count; i++)
        {
            var waiter = await Api.TokenAsync($"race-waiter-{i}", "patient");
            var entry = await JoinAsync(waiter, practitioner.Id, Date(races[i]), smsConsent: false);
            var rival = await Api.TokenAsync($"race-rival-{i}", "patient");
            Assert.Equal(HttpStatusCode.OK, (await Api.PostAsync($"/api/appointments/{booked[i].Body["appointmentId"]}/cancel", null, bookers[i])).Status);

            var slotId = Id(races[i]);
            var offerSide = Task.Run(async () =>
            {
                await RunOffersAsync();
                var sent = (await OffersSentAsync()).FirstOrDefault(n => n!["appointmentId"]!.GetValue<string>() == entry);
                return sent is null ? null : await Api.PostAsync($"/api/offers/{OfferLink().Match(sent["body"]!.GetValue<string>()).Groups["token"].Value}/accept", null);
            });
            var publicSide = Task.Run(() => Api.PostAsync("/api/appointments", Scenario.Booking(slotId, firstName: "Rival"), rival, "r"));
            var (accepted, rivalled) = (await offerSide, await publicSide);

            Assert.True(rivalled.Status is HttpStatusCode.Created or HttpStatusCode.Conflict, rivalled.ToString());
            Assert.True(accepted is null || accepted.Status is HttpStatusCode.Created or HttpStatusCode.Conflict, accepted?.ToString());
            var winners = new[] { accepted?.Status, rivalled.Status }.Count(s => s == HttpStatusCode.Created);
            Assert.Equal(1, winners);
            var agenda = await Api.GetAsync($"/api/practitioners/{practitioner.Id}/agenda?date={Date(races[i])}", practitioner.Token);
            Assert.Single(agenda.Body["appointments"]!.AsArray(), a => a!["status"]!.GetValue<string>() == "confirmed");
            outcomes.Add(accepted?.Status == HttpStatusCode.Created ? "offer" : "public");
        }

        Assert.Equal(races.Count, outcomes.Count);
    }

    [Fact]
    public async Task RefusesBadRequestsNamingTheFieldsAndLimitsEachPatientToFiveEntries()
    {
        var (practitioner, slots) = await OneSlotADayAsync();
        var patient = await Api.TokenAsync("wl-limits", "patient");
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var past = await Checked("POST", "/waitlist", Api.PostAsync("/api/waitlist", Body(practitioner.Id, "2020-01-01"), patient, "p"), HttpStatusCode.BadRequest);
        Assert.NotNull(past.Body["errors"]!["before"]);
        var far = await Api.PostAsync("/api/waitlist", Body(practitioner.Id, DateTime.UtcNow.AddDays(400).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), patient, "f");
        Assert.NotNull(far.Body["errors"]!["before"]);
        var unknown = await Api.PostAsync("/api/waitlist", Body("AAAAAAAAAAAAAAAAAAAAAA", today), patient, "u");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.NotNull(unknown.Body["errors"]!["practitionerId"]);
        var badType = await Api.PostAsync("/api/waitlist", Body(practitioner.Id, today, visitTypeId: "nope"), patient, "t");
        Assert.NotNull(badType.Body["errors"]!["visitTypeId"]);
        var noKey = await Api.PostAsync("/api/waitlist", Body(practitioner.Id, today), patient);
        Assert.NotNull(noKey.Body["errors"]!["Idempotency-Key"]);
        var badPatient = await Api.PostAsync("/api/waitlist", new { practitionerId = practitioner.Id, before = today, patient = new { firstName = "A" }, consent = new { email = true } }, patient, "b");
        Assert.Equal(HttpStatusCode.BadRequest, badPatient.Status);
        Assert.NotNull(badPatient.Body["errors"]!["patient.email"]);
        Assert.Empty((await Api.GetAsync("/api/me/waitlist", patient)).Body["items"]!.AsArray());

        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await JoinAsync(patient, practitioner.Id, Date(slots[^1]), smsConsent: false, key: $"k{i}"));
        }

        var replay = await Api.PostAsync("/api/waitlist", Body(practitioner.Id, Date(slots[^1])), patient, "k0");
        Assert.Equal(ids[0], replay.Body["waitlistId"]!.GetValue<string>());
        var sixth = await Checked("POST", "/waitlist", Api.PostAsync("/api/waitlist", Body(practitioner.Id, Date(slots[^1])), patient, "k5"), HttpStatusCode.Conflict);
        Assert.EndsWith("/too-many-waitlist-entries", sixth.ProblemType, StringComparison.Ordinal);

        var other = await Api.TokenAsync("wl-other", "patient");
        await Checked("GET", "/waitlist/{waitlistId}", Api.GetAsync($"/api/waitlist/{ids[0]}", other), HttpStatusCode.NotFound);
        await Checked("DELETE", "/waitlist/{waitlistId}", Api.SendAsync(HttpMethod.Delete, $"/api/waitlist/{ids[0]}", null, other), HttpStatusCode.NotFound);
        await Checked("DELETE", "/waitlist/{waitlistId}", Api.SendAsync(HttpMethod.Delete, $"/api/waitlist/{ids[0]}", null, patient), HttpStatusCode.NoContent);
        await Checked("GET", "/waitlist/{waitlistId}", Api.GetAsync($"/api/waitlist/{ids[0]}", patient), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Created, (await Api.PostAsync("/api/waitlist", Body(practitioner.Id, Date(slots[^1])), patient, "k6")).Status);

        var page = await Checked("GET", "/me/waitlist", Api.GetAsync("/api/me/waitlist?limit=2", patient), HttpStatusCode.OK);
        var all = new List<string>();
        while (true)
        {
            all.AddRange(page.Body["items"]!.AsArray().Select(e => e!["waitlistId"]!.GetValue<string>()));
            if (page.Body["next"] is not JsonValue next)
            {
                break;
            }

            page = await Api.GetAsync($"/api/me/waitlist?limit=2&cursor={next.GetValue<string>()}", patient);
        }

        Assert.Equal(5, all.Distinct().Count());
        await Checked("GET", "/me/waitlist", Api.GetAsync("/api/me/waitlist?cursor=AAAA", patient), HttpStatusCode.BadRequest);
        Assert.Empty(_violations);
    }

    [Fact]
    public async Task TheWaitlistIsExportedSealedAndGoesWithErasureFreeingTheSlotOfferedToThePatient()
    {
        var (practitioner, slots) = await OneSlotADayAsync();
        var booker = await Api.TokenAsync("wl-e-booker", "patient");
        var booked = await Api.PostAsync("/api/appointments", Scenario.Booking(Id(slots[0])), booker, "b");
        var patient = await Api.TokenAsync("wl-erased", "patient");
        var next = await Api.TokenAsync("wl-e-next", "patient");
        var entry = await JoinAsync(patient, practitioner.Id, Date(slots[0]), smsConsent: false);
        var nextEntry = await JoinAsync(next, practitioner.Id, Date(slots[0]), smsConsent: false);
        await Api.PostAsync($"/api/appointments/{booked.Body["appointmentId"]}/cancel", null, booker);
        await RunOffersAsync();
        Assert.Equal("offered", (await Api.GetAsync($"/api/waitlist/{entry}", patient)).Body["status"]!.GetValue<string>());

        var export = await Checked("GET", "/me/export", Api.GetAsync("/api/me/export", patient), HttpStatusCode.OK);
        var exported = Assert.Single(export.Body["waitlist"]!.AsArray())!;
        Assert.Equal(entry, exported["entry"]!["waitlistId"]!.GetValue<string>());
        Assert.Equal(Reason, exported["reason"]!.GetValue<string>());
        Assert.Equal("Zoé", exported["patient"]!["firstName"]!.GetValue<string>());
        Assert.Contains(export.Body["accessLog"]!.AsArray(), a => a!["waitlistId"]?.GetValue<string>() == entry && a["purpose"]!.GetValue<string>() == "waitlist-offer");

        Assert.Equal(HttpStatusCode.NoContent, (await Api.SendAsync(HttpMethod.Delete, "/api/me", null, patient)).Status);
        Assert.Empty((await Api.GetAsync("/api/me/waitlist", patient)).Body["items"]!.AsArray());
        Assert.Empty((await Api.GetAsync("/api/me/export", patient)).Body["waitlist"]!.AsArray());
        Assert.DoesNotContain(await OffersSentAsync(), n => n!["appointmentId"]!.GetValue<string>() == entry);
        await RunOffersAsync();
        Assert.Equal("offered", (await Api.GetAsync($"/api/waitlist/{nextEntry}", next)).Body["status"]!.GetValue<string>());
        Assert.Empty(_violations);
    }

    [Fact]
    public async Task ADeclinedOfferGoesToTheNextPatientAtOnce()
    {
        var (practitioner, slots) = await OneSlotADayAsync();
        var booker = await Api.TokenAsync("wl-d-booker", "patient");
        var booked = await Api.PostAsync("/api/appointments", Scenario.Booking(Id(slots[0])), booker, "b");
        var first = await JoinAsync(await Api.TokenAsync("wl-d-first", "patient"), practitioner.Id, Date(slots[0]), smsConsent: false);
        var secondToken = await Api.TokenAsync("wl-d-second", "patient");
        var second = await JoinAsync(secondToken, practitioner.Id, Date(slots[0]), smsConsent: false);
        await Api.PostAsync($"/api/appointments/{booked.Body["appointmentId"]}/cancel", null, booker);
        await RunOffersAsync();
        var token = OfferLink().Match(Assert.Single(await OffersSentAsync(), n => n!["appointmentId"]!.GetValue<string>() == first)!["body"]!.GetValue<string>()).Groups["token"].Value;

        await Checked("POST", "/offers/{token}/decline", Api.PostAsync($"/api/offers/{token}/decline", null), HttpStatusCode.NoContent);
        await Checked("POST", "/offers/{token}/decline", Api.PostAsync($"/api/offers/{token}/decline", null), HttpStatusCode.Gone);
        Assert.Equal("offered", (await Api.GetAsync($"/api/waitlist/{second}", secondToken)).Body["status"]!.GetValue<string>());
        await Checked("GET", "/offers/{token}", Api.GetAsync($"/api/offers/{token[..^2]}AA"), HttpStatusCode.NotFound);
        Assert.Empty(_violations);
    }

    private static string Id(JsonNode slot) => slot["slotId"]!.GetValue<string>();

    private static string Date(JsonNode slot) => slot["start"]!.GetValue<string>()[..10];

    private static object Body(string practitionerId, string before, string? visitTypeId = null, bool smsConsent = false) => new
    {
        practitionerId,
        visitTypeId,
        before,
        patient = new { firstName = "Zoé", lastName = "Quennehen", email = "zoe.quennehen@example.org", phone = "06 12 34 56 78", birthDate = "1980-02-29" },
        reason = Reason,
        consent = new { email = true, sms = smsConsent },
    };

    private async Task<string> JoinAsync(string token, string practitionerId, string before, bool smsConsent, string key = "w")
    {
        var joined = await Checked("POST", "/waitlist", Api.PostAsync("/api/waitlist", Body(practitionerId, before, smsConsent: smsConsent), token, key), HttpStatusCode.Created);
        Assert.Equal("waiting", joined.Body["status"]!.GetValue<string>());
        Assert.Equal($"/api/waitlist/{joined.Body["waitlistId"]}", joined.Header("Location"));
        return joined.Body["waitlistId"]!.GetValue<string>();
    }

    private async Task RunOffersAsync() => Assert.Equal(HttpStatusCode.Accepted, (await Api.PostAsync("/admin/functions/OfferFreedSlots", null)).Status);

    private async Task<List<JsonNode>> OffersSentAsync() =>
        [.. (await Api.GetAsync("/dev/notifications")).Body.AsArray().Where(n => n!["kind"]!.GetValue<string>() == "waitlist-offer").Select(n => n!)];

    /// <summary>A practitioner open 09:00–09:30 every day, one 30-minute slot a day, and those slots.</summary>
    private async Task<(Scenario.Practitioner Practitioner, IReadOnlyList<JsonNode> Slots)> OneSlotADayAsync(int horizonDays = 5)
    {
        var practitioner = await Scenario.PractitionerAsync(Api);
        var schedule = new
        {
            timeZone = "Europe/Paris", slotMinutes = 30, weekly = Scenario.Week.Select(day => new { day, start = "09:00", end = "09:30" }).ToArray(),
            exceptions = Array.Empty<object>(), horizonDays, minNoticeMinutes = 60,
        };
        Assert.Equal(HttpStatusCode.OK, (await Api.PutAsync($"/api/practitioners/{practitioner.Id}/schedule", schedule, practitioner.Token)).Status);
        var slots = (await Api.GetAsync($"/api/practitioners/{practitioner.Id}/slots?to={DateTime.UtcNow.AddDays(horizonDays + 1):yyyy-MM-dd}")).Body["slots"]!.AsArray().Select(s => s!).ToList();
        Assert.True(slots.Count >= horizonDays - 1, $"{slots.Count} slots");
        return (practitioner, slots);
    }

    private async Task<Reply> Checked(string method, string template, Task<Reply> call, HttpStatusCode expected)
    {
        var reply = await call;
        Assert.True(reply.Status == expected, $"{method} {template}: {reply}");
        _violations.AddRange(OpenApiResponseCheck.Violations(method, template, reply));
        return reply;
    }

    [GeneratedRegex("/offers/(?<token>[A-Za-z0-9_-]+)")]
    private static partial Regex OfferLink();
}
