using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Booking.Infrastructure.Embedded;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.DevHost.Tests.Hostile;

/// <summary>What a request presents: a bearer token, a partner API key, both or neither.</summary>
public sealed record Credentials(string? Bearer, string? ApiKey)
{
    public static Credentials None { get; } = new(null, null);
}

/// <summary>
/// The data hostile requests aim at, made through the API. "Observed" things are only ever targets of requests
/// that must be refused, so their state must not move; "sandbox" things take the requests that may succeed
/// (publishing a schedule, cancelling, suspending a partner), so a valid mutation has somewhere harmless to land.
/// </summary>
public sealed record HostileWorld(
    string ObservedPractitioner,
    string ObservedPractitionerToken,
    string ObservedPatientToken,
    string ObservedAppointment,
    string AgendaDate,
    string TakenSlot,
    string SandboxPractitioner,
    string SandboxPractitionerToken,
    string SandboxPatientToken,
    string SandboxAppointment,
    string CancelledAppointment,
    string ThrowawayPatientToken,
    string OperatorToken,
    string PartnerKey,
    string OtherPartnerKey,
    string PartnerAppointment,
    string SandboxPartner,
    string SigningKey,
    string Issuer,
    string Audience,
    string ObservedManageToken,
    string CancelledManageToken)
{
    public static async Task<HostileWorld> BuildAsync(DevHostFixture host)
    {
        var api = host.Client;
        var observed = await Scenario.PractitionerAsync(api, name: "Dr Observed");
        var sandbox = await Scenario.PractitionerAsync(api, name: "Dr Sandbox");
        var ops = await api.TokenAsync("ops-hostile", "operator");
        var patient = await api.TokenAsync("patient-observed", "patient");
        var sandboxPatient = await api.TokenAsync("patient-sandbox", "patient");

        var observedSlots = (await api.GetAsync($"/api/practitioners/{observed.Id}/slots")).Body["slots"]!.AsArray();
        var taken = observedSlots[0]!;
        var appointment = await BookAsync(api, patient, taken["slotId"]!.GetValue<string>());
        var sandboxSlots = await Scenario.FreeSlotIdsAsync(api, sandbox.Id);
        var sandboxAppointment = await BookAsync(api, sandboxPatient, sandboxSlots[0]);
        var cancelled = await BookAsync(api, sandboxPatient, sandboxSlots[1]);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/appointments/{cancelled}/cancel", null, sandboxPatient)).Status);

        async Task<JsonNode> PartnerAsync(string name, string practitionerId) =>
            (await api.PostAsync("/api/partners", new { name, practitionerIds = new[] { practitionerId } }, ops)).Body;

        var partner = await PartnerAsync("Hostile X", sandbox.Id);
        var other = await PartnerAsync("Hostile Y", sandbox.Id);
        var sandboxPartner = await PartnerAsync("Hostile W", sandbox.Id);
        var request = JsonSerializer.Serialize(new
        {
            requestId = "hostile-x", practitionerId = sandbox.Id, slotId = sandboxSlots[2],
            patient = new { firstName = "X", lastName = "Y", email = "x@example.org", phone = "+33612345678", birthDate = "1980-02-29" },
            consent = new { email = false, sms = false },
        });
        await Scenario.SendPartnerRequestAsync(api, partner, request);
        await host.Services.GetRequiredService<EmbeddedMessageBus>().WhenIdleAsync(TimeSpan.FromSeconds(20));
        var result = JsonNode.Parse((await api.GetAsync("/dev/bus/partner-booking-results")).Body.AsArray().Single()!["body"]!.GetValue<string>())!;

        var config = host.Services.GetRequiredService<IConfiguration>();
        return new HostileWorld(
            observed.Id, observed.Token, patient, appointment, taken["start"]!.GetValue<string>()[..10], taken["slotId"]!.GetValue<string>(),
            sandbox.Id, sandbox.Token, sandboxPatient, sandboxAppointment, cancelled, await api.TokenAsync("patient-throwaway", "patient"), ops,
            partner["apiKey"]!.GetValue<string>(), other["apiKey"]!.GetValue<string>(), result["appointmentId"]!.GetValue<string>(),
            sandboxPartner["partnerId"]!.GetValue<string>(), config["Auth:SigningKey"]!, config["Auth:Issuer"] ?? "booking-dev",
            config["Auth:Audience"] ?? "booking-api",
            await Scenario.ManageTokenAsync(api, appointment), await Scenario.ManageTokenAsync(api, cancelled));
    }

    /// <summary>
    /// Valid credentials of every role: the wrong role for most routes. The patient is the throwaway one, since the
    /// observed patient may rightly erase themselves.
    /// </summary>
    public IReadOnlyList<Credentials> EveryRole =>
    [
        new(ThrowawayPatientToken, null), new(SandboxPatientToken, null), new(ObservedPractitionerToken, null),
        new(SandboxPractitionerToken, null), new(OperatorToken, null), new(null, PartnerKey), new(null, OtherPartnerKey),
    ];

    private static async Task<string> BookAsync(ApiClient api, string token, string slotId)
    {
        var booked = await api.PostAsync("/api/appointments", Scenario.Booking(slotId), token, Guid.NewGuid().ToString("N"));
        Assert.Equal(HttpStatusCode.Created, booked.Status);
        return booked.Body["appointmentId"]!.GetValue<string>();
    }
}
