using System.Net;
using System.Text.Json.Nodes;

namespace Booking.DevHost.Tests;

/// <summary>Visit types end to end: two types of different lengths over overlapping ranges share one day, raced by many patients.</summary>
public sealed class VisitTypeRaceTests : IAsyncLifetime
{
    private readonly List<string> _violations = [];
    private DevHostFixture _host = null!;

    public async Task InitializeAsync() => _host = await DevHostFixture.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData(200)]
    [InlineData(1000)]
    public async Task NoTwoConfirmedAppointmentsOverlapGivenClientsRacingOverTwoTypes(int clients)
    {
        var api = _host.Client;
        var practitioner = await PractitionerAsync(api, Schedule(minDays: 0, followUpNewPatients: true));
        var shortSlots = await SlotsAsync(api, practitioner.Id, "short");
        var longSlots = await SlotsAsync(api, practitioner.Id, "long");
        var date = shortSlots[0]["start"]!.GetValue<string>()[..10];
        var targets = shortSlots.Concat(longSlots).Where(s => s["start"]!.GetValue<string>()[..10] == date).ToList();
        var tokens = await Task.WhenAll(Enumerable.Range(0, clients).Select(i => api.TokenAsync($"vt-racer-{i}", "patient")));

        var replies = await Task.WhenAll(tokens.Select((token, i) => Task.Run(() =>
        {
            var slot = targets[i % targets.Count];
            return api.PostAsync("/api/appointments", Scenario.Booking(slot["slotId"]!.GetValue<string>(), firstName: $"Racer{i}"), token, "race");
        })));

        Assert.DoesNotContain(replies, r => (int)r.Status >= 500);
        Assert.All(replies, r => Assert.True(r.Status is HttpStatusCode.Created or HttpStatusCode.Conflict, r.ToString()));
        foreach (var reply in replies.DistinctBy(r => r.Status))
        {
            _violations.AddRange(OpenApiResponseCheck.Violations("POST", "/appointments", reply));
        }

        var won = replies.Where(r => r.Status == HttpStatusCode.Created)
            .Select(r => (Start: DateTimeOffset.Parse(r.Body["start"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
                End: DateTimeOffset.Parse(r.Body["end"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)))
            .OrderBy(w => w.Start)
            .ToList();
        Assert.NotEmpty(won);
        Assert.All(won.Zip(won.Skip(1)), pair => Assert.True(pair.First.End <= pair.Second.Start, $"{pair.First} overlaps {pair.Second}"));

        var agenda = await api.GetAsync($"/api/practitioners/{practitioner.Id}/agenda?date={date}&limit=50", practitioner.Token);
        Assert.Equal(won.Count, agenda.Body["appointments"]!.AsArray().Count(a => a!["status"]!.GetValue<string>() == "confirmed"));
        Assert.Empty(_violations);
    }

    [Fact]
    public async Task ShowsTheOnlineTypesAndRefusesByTheRulesWithTheirProblemTypes()
    {
        var api = _host.Client;
        var practitioner = await PractitionerAsync(api, Schedule(minDays: 6, followUpNewPatients: false));
        var profile = await api.GetAsync($"/api/practitioners/{practitioner.Id}");
        _violations.AddRange(OpenApiResponseCheck.Violations("GET", "/practitioners/{practitionerId}", profile));
        Assert.Equal(["short", "long"], profile.Body["visitTypes"]!.AsArray().Select(t => t!["visitTypeId"]!.GetValue<string>()));

        var patient = await api.TokenAsync("vt-patient", "patient");
        var longSlot = (await SlotsAsync(api, practitioner.Id, "long"))[0]["slotId"]!.GetValue<string>();
        var notEligible = await api.PostAsync("/api/appointments", Booking(longSlot, "long"), patient, "k1");
        Assert.Equal(HttpStatusCode.Conflict, notEligible.Status);
        Assert.EndsWith("/not-eligible", notEligible.ProblemType, StringComparison.Ordinal);

        var shortSlots = await SlotsAsync(api, practitioner.Id, "short");
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync("/api/appointments", Scenario.Booking(shortSlots[0]["slotId"]!.GetValue<string>()), patient, "k2")).Status);
        var tooClose = await api.PostAsync("/api/appointments", Scenario.Booking(shortSlots[1]["slotId"]!.GetValue<string>()), patient, "k3");
        Assert.Equal(HttpStatusCode.Conflict, tooClose.Status);
        Assert.EndsWith("/too-close", tooClose.ProblemType, StringComparison.Ordinal);

        var unknown = await api.GetAsync($"/api/practitioners/{practitioner.Id}/slots?visitType=nope");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.NotNull(unknown.Body["errors"]!["visitType"]);
        foreach (var reply in new[] { notEligible, tooClose })
        {
            _violations.AddRange(OpenApiResponseCheck.Violations("POST", "/appointments", reply));
        }

        Assert.Empty(_violations);
    }

    private static object Schedule(int minDays, bool followUpNewPatients) => new
    {
        timeZone = "Europe/Paris",
        weekly = Scenario.Week.Select(day => new { day, start = "09:00", end = "12:00" }).ToArray(),
        horizonDays = 14,
        minNoticeMinutes = 60,
        minDaysBetweenAppointments = minDays,
        visitTypes = new object[]
        {
            new { visitTypeId = "short", name = "Short visit", minutes = 15 },
            new
            {
                visitTypeId = "long", name = "Follow-up", minutes = 30, newPatients = followUpNewPatients, instructions = "Bring your results.",
                weekly = Scenario.Week.Select(day => new { day, start = "10:00", end = "12:00" }).ToArray(),
            },
        },
    };

    private static object Booking(string slotId, string visitTypeId) => new
    {
        slotId,
        visitTypeId,
        patient = new { firstName = "Zoé", lastName = "Quennehen", email = "zoe.quennehen@example.org", phone = "06 12 34 56 78", birthDate = "1980-02-29" },
        consent = new { email = true, sms = false },
    };

    private async Task<Scenario.Practitioner> PractitionerAsync(ApiClient api, object schedule)
    {
        var ops = await api.TokenAsync("ops-vt", "operator");
        var created = await api.PostAsync("/api/practitioners", new { displayName = "Dr Types", specialty = "Cardiologie", city = "Lyon", timeZone = "Europe/Paris" }, ops);
        var id = created.Body["practitionerId"]!.GetValue<string>();
        var token = await api.TokenAsync("prac-" + id, "practitioner", id);
        var published = await api.PutAsync($"/api/practitioners/{id}/schedule", schedule, token);
        Assert.Equal(HttpStatusCode.OK, published.Status);
        _violations.AddRange(OpenApiResponseCheck.Violations("PUT", "/practitioners/{practitionerId}/schedule", published));
        return new Scenario.Practitioner(id, token);
    }

    private async Task<IReadOnlyList<JsonNode>> SlotsAsync(ApiClient api, string practitionerId, string visitType)
    {
        var reply = await api.GetAsync($"/api/practitioners/{practitionerId}/slots?visitType={visitType}&limit=1000");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        _violations.AddRange(OpenApiResponseCheck.Violations("GET", "/practitioners/{practitionerId}/slots", reply));
        return reply.Body["slots"]!.AsArray().Select(s => s!).ToList();
    }
}
