using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Booking.Functions;
using Booking.Infrastructure.Embedded;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.DevHost.Tests;

/// <summary>
/// Every route × every kind of caller → the status API.md promises. The rows are checked against the routes the
/// function app declares, so a new route without a row fails this test.
/// </summary>
public sealed class AuthorizationMatrixTests
{
    // anonymous, patient, another patient, practitioner, another practitioner, operator, partner, another partner, suspended partner
    private static readonly string[] Principals = ["anonymous", "patient", "other-patient", "practitioner", "other-practitioner", "operator", "partner", "other-partner", "suspended-partner"];

    private sealed record Row(string Route, HttpMethod Method, Func<World, string> Path, Func<World, object?> Body, int[] Expected);

    private sealed record World(
        string P1, string P2, string A1, string M1, string X1, string W, string Date, string From, string To, Dictionary<string, (string? Bearer, string? ApiKey)> Credentials);

    private static readonly object ValidSchedule = Scenario.Schedule();

    private static readonly Row[] Rows =
    [
        new("health", HttpMethod.Get, _ => "/api/health", _ => null, [200, 200, 200, 200, 200, 200, 200, 200, 200]),
        new("openapi.json", HttpMethod.Get, _ => "/api/openapi.json", _ => null, [200, 200, 200, 200, 200, 200, 200, 200, 200]),
        new("practitioners", HttpMethod.Get, _ => "/api/practitioners?city=evry", _ => null, [200, 200, 200, 200, 200, 200, 200, 200, 200]),
        new("practitioners/{practitionerId}/slots", HttpMethod.Get, w => $"/api/practitioners/{w.P1}/slots", _ => null, [200, 200, 200, 200, 200, 200, 200, 200, 200]),
        new("practitioners/{practitionerId}", HttpMethod.Get, w => $"/api/practitioners/{w.P1}", _ => null, [200, 200, 200, 200, 200, 200, 200, 200, 200]),
        new("practitioners", HttpMethod.Post, _ => "/api/practitioners", _ => new { displayName = "Dr M", specialty = "Cardiologie", city = "Nantes", timeZone = "Europe/Paris" }, [401, 403, 403, 403, 403, 201, 401, 401, 401]),
        new("practitioners/{practitionerId}/schedule", HttpMethod.Put, w => $"/api/practitioners/{w.P1}/schedule", _ => ValidSchedule, [401, 403, 403, 200, 404, 200, 401, 401, 401]),
        new("practitioners/{practitionerId}/agenda", HttpMethod.Get, w => $"/api/practitioners/{w.P1}/agenda?date={w.Date}", _ => null, [401, 403, 403, 200, 404, 200, 401, 401, 401]),
        new("appointments", HttpMethod.Post, _ => "/api/appointments", _ => new { }, [401, 400, 400, 403, 403, 403, 401, 401, 401]),
        new("appointments/{appointmentId}", HttpMethod.Get, w => $"/api/appointments/{w.A1}", _ => null, [401, 200, 404, 200, 404, 200, 401, 401, 401]),
        new("appointments/{appointmentId}/reschedule", HttpMethod.Post, w => $"/api/appointments/{w.A1}/reschedule", _ => new { slotId = "nope" }, [401, 400, 404, 400, 404, 403, 401, 401, 401]),
        new("me/appointments", HttpMethod.Get, _ => "/api/me/appointments", _ => null, [401, 200, 200, 403, 403, 403, 401, 401, 401]),
        new("me/export", HttpMethod.Get, _ => "/api/me/export", _ => null, [401, 200, 200, 403, 403, 403, 401, 401, 401]),
        new("partners", HttpMethod.Post, _ => "/api/partners", w => new { name = "New", practitionerIds = new[] { w.P1 } }, [401, 403, 403, 403, 403, 201, 401, 401, 401]),
        new("partners/{partnerId}", HttpMethod.Get, w => $"/api/partners/{w.W}", _ => null, [401, 403, 403, 403, 403, 200, 401, 401, 401]),
        new("partners/{partnerId}/suspend", HttpMethod.Post, w => $"/api/partners/{w.W}/suspend", _ => null, [401, 403, 403, 403, 403, 200, 401, 401, 401]),
        new("partners/{partnerId}/resume", HttpMethod.Post, w => $"/api/partners/{w.W}/resume", _ => null, [401, 403, 403, 403, 403, 200, 401, 401, 401]),
        new("partners/{partnerId}/keys", HttpMethod.Post, w => $"/api/partners/{w.W}/keys", _ => null, [401, 403, 403, 403, 403, 201, 401, 401, 401]),
        new("partners/{partnerId}/keys/{keyId}", HttpMethod.Get, w => $"/api/partners/{w.W}/keys/AAAAAAAAAAAA", _ => null, [401, 403, 403, 403, 403, 404, 401, 401, 401]),
        new("partners/{partnerId}/keys/{keyId}", HttpMethod.Delete, w => $"/api/partners/{w.W}/keys/AAAAAAAAAAAA", _ => null, [401, 403, 403, 403, 403, 404, 401, 401, 401]),
        new("partner/appointments/{appointmentId}", HttpMethod.Get, w => $"/api/partner/appointments/{w.X1}", _ => null, [401, 401, 401, 401, 401, 401, 200, 404, 403]),
        new("operator/breach-report", HttpMethod.Get, w => $"/api/operator/breach-report?principal=patient:patient-a&from={w.From}&to={w.To}", _ => null, [401, 403, 403, 403, 403, 200, 401, 401, 401]),
        new("appointments/{appointmentId}/cancel", HttpMethod.Post, w => $"/api/appointments/{w.A1}/cancel", _ => null, [401, 200, 404, 200, 404, 403, 401, 401, 401]),
        // The link is the credential: whoever holds it may view and cancel, whatever else they present.
        new("manage/{token}", HttpMethod.Get, w => $"/api/manage/{w.M1}", _ => null, [200, 200, 200, 200, 200, 200, 200, 200, 200]),
        new("manage/{token}/cancel", HttpMethod.Post, w => $"/api/manage/{w.M1}/cancel", _ => null, [200, 200, 200, 200, 200, 200, 200, 200, 200]),
        new("me", HttpMethod.Delete, _ => "/api/me", _ => null, [401, 204, 204, 403, 403, 403, 401, 401, 401]),
        new("holds", HttpMethod.Post, _ => "/api/holds", _ => new { }, [401, 400, 400, 403, 403, 403, 401, 401, 401]),
        // A hold is its holder's: anyone else's id, like an unknown one, is 404.
        new("holds/{holdId}", HttpMethod.Delete, _ => "/api/holds/AAAAAAAAAAAAAAAAAAAAAA", _ => null, [401, 404, 404, 403, 403, 403, 401, 401, 401]),
        new("waitlist", HttpMethod.Post, _ => "/api/waitlist", _ => new { }, [401, 400, 400, 403, 403, 403, 401, 401, 401]),
        new("me/waitlist", HttpMethod.Get, _ => "/api/me/waitlist", _ => null, [401, 200, 200, 403, 403, 403, 401, 401, 401]),
        // An entry is its patient's: anyone else's id, like an unknown one, is 404.
        new("waitlist/{waitlistId}", HttpMethod.Get, _ => "/api/waitlist/AAAAAAAAAAAAAAAAAAAAAA", _ => null, [401, 404, 404, 403, 403, 403, 401, 401, 401]),
        new("waitlist/{waitlistId}", HttpMethod.Delete, _ => "/api/waitlist/AAAAAAAAAAAAAAAAAAAAAA", _ => null, [401, 404, 404, 403, 403, 403, 401, 401, 401]),
        // The offer link is the credential, as a manage link is: a token that names no offer is 404 whatever else is presented.
        new("offers/{token}", HttpMethod.Get, _ => "/api/offers/" + new string('A', 87), _ => null, [404, 404, 404, 404, 404, 404, 404, 404, 404]),
        new("offers/{token}/accept", HttpMethod.Post, _ => "/api/offers/" + new string('A', 87) + "/accept", _ => null, [404, 404, 404, 404, 404, 404, 404, 404, 404]),
        new("offers/{token}/decline", HttpMethod.Post, _ => "/api/offers/" + new string('A', 87) + "/decline", _ => null, [404, 404, 404, 404, 404, 404, 404, 404, 404]),
    ];

    [Fact]
    public void EveryDeclaredRouteHasARow()
    {
        // HEAD answers as GET does (a test of the function app checks every GET takes it); the unmatched-route functions answer only 404 and 405.
        var declared = FunctionCatalog.Discover(typeof(FunctionServices).Assembly).Http
            .Where(h => !h.AnswersUnmatched)
            .SelectMany(h => h.Methods.Where(m => m != "HEAD").Select(m => $"{m} {h.Route}")).Order(StringComparer.Ordinal);

        Assert.Equal(declared, Rows.Select(r => $"{r.Method.Method} {r.Route}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task EveryCallerGetsTheStatusTheContractPromisesOnEveryRoute()
    {
        await using var host = await DevHostFixture.StartAsync();
        var world = await BuildWorldAsync(host);
        var mismatches = new List<string>();

        foreach (var row in Rows)
        {
            for (var p = 0; p < Principals.Length; p++)
            {
                var (bearer, apiKey) = world.Credentials[Principals[p]];
                using var request = new HttpRequestMessage(row.Method, row.Path(world));
                if (row.Body(world) is { } body)
                {
                    request.Content = JsonContent.Create(body);
                }

                if (bearer is not null)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
                }

                if (apiKey is not null)
                {
                    request.Headers.Add("X-Api-Key", apiKey);
                }

                using var response = await host.Client.Http.SendAsync(request);
                if ((int)response.StatusCode != row.Expected[p])
                {
                    mismatches.Add($"{row.Method} {row.Route} as {Principals[p]}: {(int)response.StatusCode}, expected {row.Expected[p]}");
                }
            }
        }

        Assert.Empty(mismatches);
    }

    private static async Task<World> BuildWorldAsync(DevHostFixture host)
    {
        var api = host.Client;
        var p1 = await Scenario.PractitionerAsync(api);
        var p2 = await Scenario.PractitionerAsync(api);
        var ops = await api.TokenAsync("ops", "operator");
        var patient = await api.TokenAsync("patient-a", "patient");
        var slots = await api.GetAsync($"/api/practitioners/{p1.Id}/slots");
        var first = slots.Body["slots"]![0]!;
        var booked = await api.PostAsync("/api/appointments", Scenario.Booking(first["slotId"]!.GetValue<string>()), patient, "m-1");

        async Task<JsonNode> PartnerAsync(string name) =>
            (await api.PostAsync("/api/partners", new { name, practitionerIds = new[] { p1.Id } }, ops)).Body;

        var x = await PartnerAsync("X");
        var y = await PartnerAsync("Y");
        var z = await PartnerAsync("Z");
        var w = await PartnerAsync("W");
        var body = JsonSerializer.Serialize(new
        {
            requestId = "m-x", practitionerId = p1.Id, slotId = slots.Body["slots"]![1]!["slotId"]!.GetValue<string>(),
            patient = new { firstName = "X", lastName = "Y", email = "x@example.org", phone = "+33612345678", birthDate = "1980-02-29" },
            consent = new { email = false, sms = false },
        });
        await Scenario.SendPartnerRequestAsync(api, x, body);
        await host.Services.GetRequiredService<EmbeddedMessageBus>().WhenIdleAsync(TimeSpan.FromSeconds(20));
        var x1 = JsonNode.Parse((await api.GetAsync("/dev/bus/partner-booking-results")).Body.AsArray().Single()!["body"]!.GetValue<string>())!["appointmentId"]!.GetValue<string>();
        await api.PostAsync($"/api/partners/{z["partnerId"]}/suspend", null, ops);

        var now = DateTimeOffset.UtcNow;
        return new World(
            p1.Id, p2.Id, booked.Body["appointmentId"]!.GetValue<string>(), await Scenario.ManageTokenAsync(api, booked.Body["appointmentId"]!.GetValue<string>()), x1, w["partnerId"]!.GetValue<string>(),
            first["start"]!.GetValue<string>()[..10], Uri.EscapeDataString(now.AddHours(-1).ToString("O")), Uri.EscapeDataString(now.AddHours(1).ToString("O")),
            new Dictionary<string, (string?, string?)>
            {
                ["anonymous"] = (null, null),
                ["patient"] = (patient, null),
                ["other-patient"] = (await api.TokenAsync("patient-b", "patient"), null),
                ["practitioner"] = (p1.Token, null),
                ["other-practitioner"] = (p2.Token, null),
                ["operator"] = (ops, null),
                ["partner"] = (null, x["apiKey"]!.GetValue<string>()),
                ["other-partner"] = (null, y["apiKey"]!.GetValue<string>()),
                ["suspended-partner"] = (null, z["apiKey"]!.GetValue<string>()),
            });
    }
}
