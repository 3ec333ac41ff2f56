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

        var logs = string.Join('\n', host.LogLines);
        Assert.Contains("POST /api/appointments 201", logs, StringComparison.Ordinal);
        foreach (var secret in new[] { "Ysolde", "Vandermeersch", "Oncologie", "zoe.quennehen", "33612345678", "1980-02-29", token })
        {
            Assert.DoesNotContain(secret, logs, StringComparison.OrdinalIgnoreCase);
        }
    }
}
