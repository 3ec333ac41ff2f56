using System.Net;

namespace Booking.DevHost.Tests;

public sealed class PartnerRateLimitTests
{
    [Fact]
    public async Task CallsPastThePerMinuteLimitGetTooManyRequestsWithRetryAfter()
    {
        await using var host = await DevHostFixture.StartAsync(extraArgs: "--Partners:RequestsPerMinute=2");
        var api = host.Client;
        var practitioner = await Scenario.PractitionerAsync(api);
        var partner = (await api.PostAsync("/api/partners", new { name = "Busy", practitionerIds = new[] { practitioner.Id } }, await api.TokenAsync("ops", "operator"))).Body;

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/partner/appointments/AAAAAAAAAAAAAAAAAAAAAA");
            request.Headers.Add("X-Api-Key", partner["apiKey"]!.GetValue<string>());
            responses.Add(await api.Http.SendAsync(request));
        }

        var statuses = responses.Select(r => r.StatusCode).ToList();
        var limited = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        var allowed = statuses.TakeWhile(s => s == HttpStatusCode.NotFound).Count();
        Assert.InRange(allowed, 1, 2); // 2 per clock minute; even if a minute boundary falls inside the loop, some of the 6 are refused
        Assert.NotEmpty(limited);
        Assert.All(limited, r => Assert.InRange(int.Parse(r.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60));
        Assert.All(limited, r => Assert.Equal("application/problem+json", r.Content.Headers.ContentType!.MediaType));
        responses.ForEach(r => r.Dispose());
    }
}
