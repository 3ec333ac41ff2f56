using System.Net;

namespace Booking.DevHost.Tests;

public sealed class PartnerKeyRotationTests
{
    private static async Task<HttpStatusCode> ReadAsync(ApiClient api, string apiKey) =>
        (await api.GetAsPartnerAsync("/api/partner/appointments/AAAAAAAAAAAAAAAAAAAAAA", apiKey)).Status;

    [Fact]
    public async Task ASecondKeyWorksAlongsideTheFirstAndARevokedKeyStopsAtOnce()
    {
        await using var host = await DevHostFixture.StartAsync();
        var api = host.Client;
        var practitioner = await Scenario.PractitionerAsync(api);
        var ops = await api.TokenAsync("ops", "operator");
        var partner = (await api.PostAsync("/api/partners", new { name = "Rotating", practitionerIds = new[] { practitioner.Id } }, ops)).Body;
        var partnerId = partner["partnerId"]!.GetValue<string>();
        var oldKey = partner["apiKey"]!.GetValue<string>();

        var issued = await api.PostAsync($"/api/partners/{partnerId}/keys", null, ops);
        var third = await api.PostAsync($"/api/partners/{partnerId}/keys", null, ops);
        var newKey = issued.Body["apiKey"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.Created, issued.Status);
        Assert.Equal(HttpStatusCode.Conflict, third.Status);
        Assert.Equal(HttpStatusCode.NotFound, await ReadAsync(api, oldKey));
        Assert.Equal(HttpStatusCode.NotFound, await ReadAsync(api, newKey));

        var oldKeyId = oldKey.Split('.')[1];
        Assert.Equal(HttpStatusCode.NoContent, (await api.SendAsync(HttpMethod.Delete, $"/api/partners/{partnerId}/keys/{oldKeyId}", null, ops)).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await api.SendAsync(HttpMethod.Delete, $"/api/partners/{partnerId}/keys/{oldKeyId}", null, ops)).Status);

        Assert.Equal(HttpStatusCode.Unauthorized, await ReadAsync(api, oldKey));
        Assert.Equal(HttpStatusCode.NotFound, await ReadAsync(api, newKey)); // still authenticates; the appointment just isn't theirs
        Assert.Equal(HttpStatusCode.Forbidden, (await api.PostAsync($"/api/partners/{partnerId}/keys", null, practitioner.Token)).Status);
    }
}
