using System.Net;

namespace Booking.DevHost.Tests;

public sealed class PrivacyOfLogsTests
{
    [Fact]
    public async Task NoLogLineCarriesThePatientsPersonalDataOrTheToken()
    {
        await using var host = await DevHostFixture.StartAsync();
        var api = host.Client;
        var practitioner = await Scenario.PractitionerAsync(api);
        var slots = await Scenario.FreeSlotIdsAsync(api, practitioner.Id);
        var token = await api.TokenAsync("patient-a", "patient");

        var booked = await api.PostAsync("/api/appointments", Scenario.Booking(slots[0], "Ysolde", "Vandermeersch", "Oncologie suivi"), token, "k1");
        await api.PostAsync("/api/appointments", Scenario.Booking(slots[0], "Ysolde", "Vandermeersch"), token, "k1");
        await api.PostAsync("/api/appointments", Scenario.Booking("bad", "Ysolde", "Vandermeersch"), token, "k2");
        await api.GetAsync($"/api/appointments/{booked.Body["appointmentId"]}", token);
        Assert.Equal(HttpStatusCode.Created, booked.Status);

        // The waitlist: the same details given to an entry, offered the slot the booking frees, taken through the offer link.
        var waiting = await api.TokenAsync("patient-w", "patient");
        var date = (await api.GetAsync($"/api/practitioners/{practitioner.Id}/slots")).Body["slots"]![0]!["start"]!.GetValue<string>()[..10];
        var joined = await api.PostAsync("/api/waitlist", new
        {
            practitionerId = practitioner.Id, before = date, reason = "Oncologie suivi",
            patient = new { firstName = "Ysolde", lastName = "Vandermeersch", email = "zoe.quennehen@example.org", phone = "06 12 34 56 78", birthDate = "1980-02-29" },
            consent = new { email = true, sms = true },
        }, waiting, "w1");
        Assert.Equal(HttpStatusCode.Created, joined.Status);
        await api.PostAsync($"/api/appointments/{booked.Body["appointmentId"]}/cancel", null, token);
        Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsync("/admin/functions/OfferFreedSlots", null)).Status);
        var offer = (await api.GetAsync("/dev/notifications")).Body.AsArray().First(n => n!["kind"]!.GetValue<string>() == "waitlist-offer")!;
        var offerToken = System.Text.RegularExpressions.Regex.Match(offer["body"]!.GetValue<string>(), "/offers/(?<t>[A-Za-z0-9_-]+)").Groups["t"].Value;
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/offers/{offerToken}")).Status);
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync($"/api/offers/{offerToken}/accept", null)).Status);
        await api.GetAsync("/api/me/export", waiting);

        var logs = string.Join('\n', host.LogLines);
        Assert.Contains("POST /api/appointments 201", logs, StringComparison.Ordinal);
        Assert.Contains("Offered 1 freed slots", logs, StringComparison.Ordinal);
        foreach (var secret in new[] { "Ysolde", "Vandermeersch", "Oncologie", "zoe.quennehen", "33612345678", "1980-02-29", token, waiting, offerToken })
        {
            Assert.DoesNotContain(secret, logs, StringComparison.OrdinalIgnoreCase);
        }
    }
}
