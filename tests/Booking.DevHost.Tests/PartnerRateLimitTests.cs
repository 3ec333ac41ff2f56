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

        var replies = new List<Reply>();
        for (var i = 0; i < 6; i++)
        {
            replies.Add(await api.GetAsPartnerAsync("/api/partner/appointments/AAAAAAAAAAAAAAAAAAAAAA", partner["apiKey"]!.GetValue<string>()));
        }

        var limited = replies.Where(r => r.Status == HttpStatusCode.TooManyRequests).ToList();
        var allowed = replies.TakeWhile(r => r.Status == HttpStatusCode.NotFound).Count();
        Assert.InRange(allowed, 1, 2); // 2 per clock minute; even if a minute boundary falls inside the loop, some of the 6 are refused
        Assert.NotEmpty(limited);
        Assert.All(limited, r => Assert.InRange(r.RetryAfter!.Value.TotalSeconds, 1, 60));
        Assert.All(limited, r => Assert.Equal("application/problem+json", r.MediaType));
    }
}
