using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Booking.Application.Partners;
using Booking.Infrastructure.Embedded;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.DevHost.Tests;

/// <summary>
/// Partners book through the signed queue; everything that fails a check is refused with a reason (recorded for
/// operators, answered to a known partner), settled rather than retried, and creates nothing.
/// </summary>
public sealed class PartnerFlowTests : IAsyncLifetime
{
    private DevHostFixture _host = null!;
    private Scenario.Practitioner _practitioner = null!;
    private JsonNode _partner = null!;

    private ApiClient Api => _host.Client;

    public async Task InitializeAsync()
    {
        _host = await DevHostFixture.StartAsync();
        _practitioner = await Scenario.PractitionerAsync(Api);
        var ops = await Api.TokenAsync("ops", "operator");
        var created = await Api.PostAsync("/api/partners", new { name = "PracticeSoft", practitionerIds = new[] { _practitioner.Id } }, ops);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        _partner = created.Body;
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private string PartnerId => _partner["partnerId"]!.GetValue<string>();

    private async Task SendAsync(string body, string? signature = null, string? partnerId = null)
    {
        var sent = await Scenario.SendPartnerRequestAsync(Api, _partner, body, signature, partnerId);
        Assert.Equal(HttpStatusCode.Accepted, sent.Status);
        await _host.Services.GetRequiredService<EmbeddedMessageBus>().WhenIdleAsync(TimeSpan.FromSeconds(20));
    }

    private string Request(string requestId, string slotId, string? practitionerId = null) => JsonSerializer.Serialize(new
    {
        requestId,
        practitionerId = practitionerId ?? _practitioner.Id,
        slotId,
        patient = new { firstName = "Zoé", lastName = "Partner", email = "zoe@example.org", phone = "+33612345678", birthDate = "1980-02-29" },
        consent = new { email = false, sms = false },
    });

    private async Task<JsonArray> ResultsAsync() => (await Api.GetAsync("/dev/bus/partner-booking-results")).Body.AsArray();

    private async Task<JsonArray> DeadLettersAsync() => (await Api.GetAsync("/dev/bus/partner-booking-requests/deadletter")).Body.AsArray();

    private async Task<List<string>> RefusalReasonsAsync() =>
        (await Api.GetAsync("/dev/bus/operator-alerts")).Body.AsArray()
            .Select(m => JsonNode.Parse(m!["body"]!.GetValue<string>())!)
            .Where(alert => alert["type"]!.GetValue<string>() == "MessageRefused")
            .Select(alert => alert["reason"]!.GetValue<string>())
            .ToList();

    private async Task<List<JsonNode>> ResultBodiesAsync() =>
        (await ResultsAsync()).Select(r => JsonNode.Parse(r!["body"]!.GetValue<string>())!).ToList();

    [Fact]
    public async Task ASignedRequestBooksOnceAndThePartnerSeesItWithoutPatientData()
    {
        var slot = (await Scenario.FreeSlotIdsAsync(Api, _practitioner.Id))[0];

        await SendAsync(Request("req-1", slot));
        await SendAsync(Request("req-1", slot)); // a replay

        var results = await ResultsAsync();
        Assert.All(results, r => Assert.Equal(PartnerId, r!["applicationProperties"]!["partnerId"]!.GetValue<string>()));
        var result = JsonNode.Parse(results[0]!["body"]!.GetValue<string>())!;
        Assert.Equal("confirmed", result["status"]!.GetValue<string>());
        var appointmentId = result["appointmentId"]!.GetValue<string>();
        Assert.DoesNotContain(slot, await Scenario.FreeSlotIdsAsync(Api, _practitioner.Id));

        var seen = await Api.GetAsPartnerAsync($"/api/partner/appointments/{appointmentId}", _partner["apiKey"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, seen.Status);
        Assert.DoesNotContain("Zoé", seen.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("patient", seen.Text, StringComparison.Ordinal);

        var date = (await Api.GetAsync($"/api/appointments/{appointmentId}", _practitioner.Token)).Body["start"]!.GetValue<string>()[..10];
        var agenda = await Api.GetAsync($"/api/practitioners/{_practitioner.Id}/agenda?date={date}", _practitioner.Token);
        Assert.Single(agenda.Body["appointments"]!.AsArray());
    }

    [Fact]
    public async Task BadSignaturesUnknownPartnersOutOfScopeAndInvalidBodiesAreRefusedAtOnceAnsweredAndCreateNothing()
    {
        var slot = (await Scenario.FreeSlotIdsAsync(Api, _practitioner.Id))[0];
        var other = await Scenario.PractitionerAsync(Api);
        var otherSlot = (await Scenario.FreeSlotIdsAsync(Api, other.Id))[0];

        await SendAsync(Request("r1", slot), signature: new string('0', 64));
        await SendAsync(Request("r2", slot), partnerId: "AAAAAAAAAAAAAAAAAAAAAA");
        await SendAsync(Request("r3", otherSlot, other.Id));
        await SendAsync("{\"requestId\":\"r4\",\"practitionerId\":\"" + _practitioner.Id + "\",\"slotId\":\"" + slot + "\",\"patient\":{\"email\":\"nope\"}}");
        var tampered = Request("r5", slot);
        var signature = ProcessPartnerBookingRequest.Sign(Encoding.UTF8.GetBytes(tampered), _partner["signingSecret"]!.GetValue<string>());
        await SendAsync(tampered.Replace("Partner", "Forged", StringComparison.Ordinal), signature);

        var reasons = await RefusalReasonsAsync();
        Assert.Equal(5, reasons.Count);
        Assert.Equal("bad-signature", reasons[0]);
        Assert.Equal("unknown-partner", reasons[1]);
        Assert.Equal("out-of-scope-practitioner", reasons[2]);
        Assert.StartsWith("invalid-body", reasons[3], StringComparison.Ordinal);
        Assert.Equal("bad-signature", reasons[4]);
        // Settled at once: nothing retried into the dead-letter queue, where the redrive would find it.
        Assert.Empty(await DeadLettersAsync());
        // The known partner hears why each of its four requests was refused; nobody can be told about the unknown one.
        var answers = await ResultBodiesAsync();
        Assert.Equal(["r1", "r3", "r4", "r5"], answers.Select(a => a["requestId"]!.GetValue<string>()));
        Assert.All(answers, a => Assert.Equal("rejected", a["status"]!.GetValue<string>()));
        Assert.Equal([reasons[0], reasons[2], reasons[3], reasons[4]], answers.Select(a => a["reason"]!.GetValue<string>()));
        Assert.Contains(slot, await Scenario.FreeSlotIdsAsync(Api, _practitioner.Id));
    }

    [Fact]
    public async Task ASuspendedPartnerIsRefusedOnEveryPathUntilResumed()
    {
        var ops = await Api.TokenAsync("ops", "operator");
        var slot = (await Scenario.FreeSlotIdsAsync(Api, _practitioner.Id))[0];

        Assert.Equal(HttpStatusCode.OK, (await Api.PostAsync($"/api/partners/{PartnerId}/suspend", null, ops)).Status);
        await SendAsync(Request("s1", slot));
        var refused = await Api.GetAsPartnerAsync("/api/partner/appointments/AAAAAAAAAAAAAAAAAAAAAA", _partner["apiKey"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal(["partner-suspended"], await RefusalReasonsAsync());
        Assert.Equal("partner-suspended", Assert.Single(await ResultBodiesAsync())["reason"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await Api.PostAsync($"/api/partners/{PartnerId}/resume", null, ops)).Status);
        await SendAsync(Request("s2", slot));
        Assert.Equal(["rejected", "confirmed"], (await ResultBodiesAsync()).Select(a => a["status"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Forbidden, (await Api.PostAsync($"/api/partners/{PartnerId}/suspend", null, _practitioner.Token)).Status);
    }

    [Fact]
    public async Task AWrongOrMissingApiKeyIsUnauthorized()
    {
        var wrong = await Api.GetAsPartnerAsync("/api/partner/appointments/AAAAAAAAAAAAAAAAAAAAAA", PartnerId + ".AAAAAAAAAAAA." + new string('A', 43));

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Api.GetAsync("/api/partner/appointments/AAAAAAAAAAAAAAAAAAAAAA")).Status);
    }
}
