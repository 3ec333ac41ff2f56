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
public sealed partial record HostileWorld(
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
    string CancelledManageToken,
    string WaitlistPractitioner,
    string ObservedWaitlistEntry,
    string SandboxWaitlistEntry,
    string OpenOfferToken,
    string DeclinedOfferToken)
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

        var waitlist = await WaitlistAsync(host, api, patient, sandboxPatient);
        var config = host.Services.GetRequiredService<IConfiguration>();
        return new HostileWorld(
            observed.Id, observed.Token, patient, appointment, taken["start"]!.GetValue<string>()[..10], taken["slotId"]!.GetValue<string>(),
            sandbox.Id, sandbox.Token, sandboxPatient, sandboxAppointment, cancelled, await api.TokenAsync("patient-throwaway", "patient"), ops,
            partner["apiKey"]!.GetValue<string>(), other["apiKey"]!.GetValue<string>(), result["appointmentId"]!.GetValue<string>(),
            sandboxPartner["partnerId"]!.GetValue<string>(), config["Auth:SigningKey"]!, config["Auth:Issuer"] ?? "booking-dev",
            config["Auth:Audience"] ?? "booking-api",
            await Scenario.ManageTokenAsync(api, appointment), await Scenario.ManageTokenAsync(api, cancelled),
            waitlist.Practitioner, waitlist.Observed, waitlist.Sandbox, waitlist.Open, waitlist.Declined);
    }

    /// <summary>
    /// A practitioner of their own for the waitlist: two patients wait for a slot by the day after the first free one and one run of
    /// the offer timer (run by hand; its schedule is out of the way) offers each a slot. One offer is declined (taking or
    /// letting it go again changes nothing), the other stays open (viewing it changes nothing). Only then do the
    /// observed and a sandbox patient join, so no run ever offers them anything.
    /// </summary>
    private static async Task<(string Practitioner, string Observed, string Sandbox, string Open, string Declined)> WaitlistAsync(
        DevHostFixture host, ApiClient api, string observedPatient, string sandboxPatient)
    {
        var practitioner = await Scenario.PractitionerAsync(api, name: "Dr Waitlist");
        var slots = (await api.GetAsync($"/api/practitioners/{practitioner.Id}/slots")).Body["slots"]!.AsArray();
        // Through the day after the first free slot's: late in the day, that day may have one slot left, and two are offered.
        var offeredDay = DateOnly.ParseExact(slots[0]!["start"]!.GetValue<string>()[..10], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
            .AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        async Task<string> JoinAsync(string token)
        {
            var joined = await api.PostAsync("/api/waitlist", Waitlisting(practitioner.Id, offeredDay), token, Guid.NewGuid().ToString("N"));
            Assert.Equal(HttpStatusCode.Created, joined.Status);
            return joined.Body["waitlistId"]!.GetValue<string>();
        }

        await JoinAsync(await api.TokenAsync("patient-waitlist-open", "patient"));
        await JoinAsync(await api.TokenAsync("patient-waitlist-declined", "patient"));
        Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsync("/admin/functions/OfferFreedSlots", null)).Status);
        var tokens = new List<string>();
        for (var attempt = 0; attempt < 100 && tokens.Count < 2; attempt++)
        {
            await Task.Delay(attempt == 0 ? 0 : 100);
            tokens = [.. (await api.GetAsync("/dev/notifications")).Body.AsArray()
                .Where(n => n!["kind"]!.GetValue<string>() == "waitlist-offer" && n["channel"]!.GetValue<string>() == "email")
                .Select(n => OfferLink().Match(n!["body"]!.GetValue<string>()).Groups["token"].Value)
                .Distinct()];
        }

        Assert.Equal(2, tokens.Count);
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync($"/api/offers/{tokens[1]}/decline", null)).Status);
        var observed = await JoinAsync(observedPatient);
        var sandbox = await JoinAsync(sandboxPatient);
        await host.Services.GetRequiredService<EmbeddedMessageBus>().WhenIdleAsync(TimeSpan.FromSeconds(20));
        return (practitioner.Id, observed, sandbox, tokens[0], tokens[1]);
    }

    private static object Waitlisting(string practitionerId, string before) => new
    {
        practitionerId,
        before,
        patient = new { firstName = "Zoé", lastName = "Quennehen", email = "zoe.quennehen@example.org", phone = "+33612345678", birthDate = "1980-02-29" },
        consent = new { email = true, sms = false },
    };

    [System.Text.RegularExpressions.GeneratedRegex("/offers/(?<token>[A-Za-z0-9_-]+)")]
    private static partial System.Text.RegularExpressions.Regex OfferLink();

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
