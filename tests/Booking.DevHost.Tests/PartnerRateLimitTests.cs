using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace Booking.DevHost.Tests;

public sealed class PartnerRateLimitTests
{
    [Fact]
    public async Task CallsPastThePerMinuteLimitGetTooManyRequestsWithRetryAfterUntilTheNextMinute()
    {
        // Five seconds into a minute, on a clock that moves only when the test says: every call falls in that minute.
        var now = DateTimeOffset.UtcNow;
        var clock = new FakeTimeProvider(new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 5, TimeSpan.Zero).AddMinutes(1));
        await using var host = await DevHostFixture.StartWithClockAsync(clock, "--Partners:RequestsPerMinute=2");
        var api = host.Client;
        var practitioner = await Scenario.PractitionerAsync(api);
        var partner = (await api.PostAsync("/api/partners", new { name = "Busy", practitionerIds = new[] { practitioner.Id } }, await api.TokenAsync("ops", "operator"))).Body;
        var apiKey = partner["apiKey"]!.GetValue<string>();

        var replies = new List<Reply>();
        for (var i = 0; i < 6; i++)
        {
            replies.Add(await api.GetAsPartnerAsync("/api/partner/appointments/AAAAAAAAAAAAAAAAAAAAAA", apiKey));
        }

        Assert.Equal(
            [HttpStatusCode.NotFound, HttpStatusCode.NotFound, .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 4)],
            replies.Select(r => r.Status));
        Assert.All(replies.Skip(2), r => Assert.Equal(TimeSpan.FromSeconds(55), r.RetryAfter));
        Assert.All(replies.Skip(2), r => Assert.Equal("application/problem+json", r.MediaType));

        clock.Advance(TimeSpan.FromSeconds(55));
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsPartnerAsync("/api/partner/appointments/AAAAAAAAAAAAAAAAAAAAAA", apiKey)).Status);
    }
}
