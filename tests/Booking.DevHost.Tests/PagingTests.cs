using System.Net;
using System.Text.Json.Nodes;
using Booking.Application.Common;
using Booking.Application.Practitioners;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.DevHost.Tests;

/// <summary>
/// Paging end to end: every paged list answers `next` (null on the last page), following it reaches each item once,
/// and a cursor altered or used elsewhere is a documented 400 `…/invalid-cursor`. Every answer is checked against openapi.json.
/// </summary>
public sealed class PagingTests : IAsyncLifetime
{
    private readonly List<string> _violations = [];
    private DevHostFixture _host = null!;

    private ApiClient Api => _host.Client;

    public async Task InitializeAsync() => _host = await DevHostFixture.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ASearchOfACityOf1000ReturnsAPageOf20AndNextReachesEveryPractitionerOnce()
    {
        var register = _host.Services.GetRequiredService<RegisterPractitioner>();
        var operatorCaller = new Caller("ops-paging", Role.Operator);
        var registered = new List<string>();
        for (var i = 0; i < 1000; i++)
        {
            var outcome = await register.HandleAsync(operatorCaller, new RegisterPractitionerCommand($"Dr Banc {(i * 7919) % 1000:D4}", "Psychiatrie", "Saint-Étienne", "Europe/Paris"), default);
            registered.Add(outcome.Value!.PractitionerId);
        }

        var first = await Checked("GET", "/practitioners", Api.GetAsync("/api/practitioners?city=saint-etienne"), HttpStatusCode.OK);
        var items = Items(first, "items");
        var pages = 1;
        var next = Next(first);
        while (next is not null)
        {
            Assert.True(pages < 1000, "the pages never end");
            var page = await Checked("GET", "/practitioners", Api.GetAsync($"/api/practitioners?city=saint-etienne&cursor={next}"), HttpStatusCode.OK);
            Assert.Equal(20, page.Body["items"]!.AsArray().Count);
            items.AddRange(Items(page, "items"));
            next = Next(page);
            pages++;
        }

        Assert.Equal(20, first.Body["items"]!.AsArray().Count);
        Assert.Equal(50, pages);
        var names = items.Select(i => i["displayName"]!.GetValue<string>()).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Equal(registered.Order(StringComparer.Ordinal), items.Select(i => i["practitionerId"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.True(_violations.Count == 0, string.Join('\n', _violations));
    }

    [Fact]
    public async Task SlotsMyAppointmentsAndTheAgendaFollowNextToTheLastPage()
    {
        var practitioner = await Scenario.PractitionerAsync(Api);
        var whole = await Checked("GET", "/practitioners/{practitionerId}/slots", Api.GetAsync($"/api/practitioners/{practitioner.Id}/slots"), HttpStatusCode.OK);
        Assert.Null(Next(whole)); // a week of 30-minute slots fits the default page of 500
        var slots = await AllAsync("/practitioners/{practitionerId}/slots", $"/api/practitioners/{practitioner.Id}/slots?limit=50", "slots", null);
        Assert.Equal(Items(whole, "slots").Select(s => s["slotId"]!.GetValue<string>()), slots.Select(s => s["slotId"]!.GetValue<string>()));
        Assert.True(slots.Count >= 6 * 24, $"{slots.Count} slots"); // the six days after today, whatever the hour

        // Three slots of one day (late in the day, today may have fewer left), booked out of order.
        var day = slots.GroupBy(s => s["start"]!.GetValue<string>()[..10]).First(g => g.Count() >= 3).Take(3).ToList();
        var patient = await Api.TokenAsync("patient-paging", "patient");
        foreach (var i in new[] { 2, 0, 1 })
        {
            Assert.Equal(HttpStatusCode.Created, (await Api.PostAsync("/api/appointments", Scenario.Booking(day[i]["slotId"]!.GetValue<string>()), patient, $"k{i}")).Status);
        }

        var mine = await AllAsync("/me/appointments", "/api/me/appointments?limit=2", "items", patient);
        var date = day[0]["start"]!.GetValue<string>()[..10];
        var agenda = await AllAsync("/practitioners/{practitionerId}/agenda", $"/api/practitioners/{practitioner.Id}/agenda?date={date}&limit=2", "appointments", practitioner.Token);

        var expected = day.Select(s => s["start"]!.GetValue<string>()).ToList();
        Assert.Equal(expected, mine.Select(a => a["start"]!.GetValue<string>()));
        Assert.Equal(expected, agenda.Select(a => a["start"]!.GetValue<string>()));
        Assert.True(_violations.Count == 0, string.Join('\n', _violations));
    }

    [Fact]
    public async Task ACursorAlteredTruncatedOrUsedOnAnotherQueryOrByAnotherCallerIsA400InvalidCursor()
    {
        var paris = await Scenario.PractitionerAsync(Api, city: "Paris", name: "Dr A");
        await Scenario.PractitionerAsync(Api, city: "Paris", name: "Dr B");
        await Scenario.PractitionerAsync(Api, city: "Lyon", name: "Dr C");
        await Scenario.PractitionerAsync(Api, city: "Lyon", name: "Dr D");
        var search = Next(await Api.GetAsync("/api/practitioners?city=paris&limit=1"))!;
        var slots = Next(await Api.GetAsync($"/api/practitioners/{paris.Id}/slots?limit=1"))!;
        var slotIds = await Scenario.FreeSlotIdsAsync(Api, paris.Id);
        var alice = await Api.TokenAsync("alice-paging", "patient");
        var bob = await Api.TokenAsync("bob-paging", "patient");
        await Api.PostAsync("/api/appointments", Scenario.Booking(slotIds[0]), alice, "a1");
        await Api.PostAsync("/api/appointments", Scenario.Booking(slotIds[1]), alice, "a2");
        await Api.PostAsync("/api/appointments", Scenario.Booking(slotIds[2]), bob, "b1");
        await Api.PostAsync("/api/appointments", Scenario.Booking(slotIds[3]), bob, "b2");
        var mine = Next(await Api.GetAsync("/api/me/appointments?limit=1", alice))!;

        foreach (var (template, path, token) in new (string, string, string?)[]
        {
            ("/practitioners", $"/api/practitioners?city=lyon&limit=1&cursor={search}", null),
            ("/practitioners", $"/api/practitioners?city=paris&specialty=dermatologie&cursor={search}", null),
            ("/practitioners", $"/api/practitioners?city=paris&cursor={search[..^3]}", null),
            ("/practitioners", $"/api/practitioners?city=paris&cursor={Flip(search, 5)}", null),
            ("/practitioners", "/api/practitioners?city=paris&cursor=", null),
            ("/practitioners", $"/api/practitioners?city=paris&cursor={slots}", null),
            ("/practitioners/{practitionerId}/slots", $"/api/practitioners/{paris.Id}/slots?cursor={search}", null),
            ("/practitioners/{practitionerId}/slots", $"/api/practitioners/{paris.Id}/slots?from={DateTime.UtcNow.AddDays(1):yyyy-MM-dd}&cursor={slots}", null),
            ("/me/appointments", $"/api/me/appointments?limit=1&cursor={mine}", bob),
            ("/me/appointments", $"/api/me/appointments?cursor={Flip(mine, mine.Length - 2)}", alice),
            ("/practitioners/{practitionerId}/agenda", $"/api/practitioners/{paris.Id}/agenda?cursor={mine}", paris.Token),
        })
        {
            var reply = await Checked("GET", template, Api.GetAsync(path, token), HttpStatusCode.BadRequest);
            Assert.Equal("application/problem+json", reply.MediaType);
            Assert.Equal("https://booking.example/problems/invalid-cursor", reply.ProblemType);
            Assert.NotNull(reply.Body["errors"]!["cursor"]);
        }

        // Bob's refused listing opened nothing of his: no listing is in his access log.
        var bobsAccessLog = (await Api.GetAsync("/api/me/export", bob)).Body["accessLog"]!.AsArray();
        Assert.DoesNotContain(bobsAccessLog, e => e!["purpose"]!.GetValue<string>() == Application.Privacy.AccessPurpose.PatientListsAppointments);
        Assert.True(_violations.Count == 0, string.Join('\n', _violations));
    }

    [Theory]
    [InlineData("/practitioners", "/api/practitioners?city=paris&limit=51")]
    [InlineData("/practitioners", "/api/practitioners?city=paris&limit=0")]
    [InlineData("/practitioners", "/api/practitioners?city=paris&limit=abc")]
    [InlineData("/practitioners/{practitionerId}/slots", "/api/practitioners/{id}/slots?limit=1001")]
    [InlineData("/me/appointments", "/api/me/appointments?limit=51")]
    [InlineData("/practitioners/{practitionerId}/agenda", "/api/practitioners/{id}/agenda?limit=-1")]
    public async Task ALimitOutOfRangeOrNotANumberIsA400NamingLimit(string template, string path)
    {
        var practitioner = await Scenario.PractitionerAsync(Api);
        var token = template switch
        {
            "/me/appointments" => await Api.TokenAsync("patient-limit", "patient"),
            "/practitioners/{practitionerId}/agenda" => practitioner.Token,
            _ => null,
        };

        var reply = await Checked("GET", template, Api.GetAsync(path.Replace("{id}", practitioner.Id, StringComparison.Ordinal), token), HttpStatusCode.BadRequest);

        Assert.Equal("https://booking.example/problems/validation", reply.ProblemType);
        Assert.Equal(["limit"], reply.Body["errors"]!.AsObject().Select(e => e.Key));
        Assert.True(_violations.Count == 0, string.Join('\n', _violations));
    }

    private async Task<List<JsonNode>> AllAsync(string template, string path, string array, string? token)
    {
        var items = new List<JsonNode>();
        string? next = null;
        var pages = 0;
        do
        {
            var page = await Checked("GET", template, Api.GetAsync(next is null ? path : $"{path}&cursor={next}", token), HttpStatusCode.OK);
            items.AddRange(Items(page, array));
            next = Next(page);
            Assert.True(++pages < 100, "the pages never end");
        }
        while (next is not null);

        Assert.True(pages > 1, $"{path} fit in one page: the test would not see paging");
        return items;
    }

    /// <summary>The reply's <c>next</c>, asserting it is sent (a string or null, never absent).</summary>
    private static string? Next(Reply reply)
    {
        Assert.True(reply.Body.AsObject().ContainsKey("next"), $"no next in {reply}");
        return reply.Body["next"]?.GetValue<string>();
    }

    private static List<JsonNode> Items(Reply reply, string array) => reply.Body[array]!.AsArray().Select(i => i!).ToList();

    private static string Flip(string cursor, int at) => cursor[..at] + (cursor[at] == 'A' ? 'B' : 'A') + cursor[(at + 1)..];

    private async Task<Reply> Checked(string method, string template, Task<Reply> sent, HttpStatusCode expected)
    {
        var reply = await sent;
        Assert.True(reply.Status == expected, $"{method} {template}: expected {(int)expected}, got {reply}");
        _violations.AddRange(OpenApiResponseCheck.Violations(method, template, reply));
        return reply;
    }
}
