using System.Net;
using System.Text.RegularExpressions;
using Booking.DevHost.Tests;
using Booking.Infrastructure.Embedded;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.Web.Tests;

/// <summary>The waitlist offer page as a patient reaches it: from the link in the offer the local host "sent".</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class OfferPageTests(WebHost web) : IClassFixture<WebHost>
{
    [Fact]
    public async Task AnOfferAfterACancellationOpensThisHostsOfferPageWhichBooksTheTime()
    {
        // A practitioner open 09:00–09:30 every day: the only slot a patient waits for is one that frees.
        var practitioner = await Scenario.PractitionerAsync(web.Api, name: "Dr Odile Offre");
        var schedule = new
        {
            timeZone = "Europe/Paris", slotMinutes = 30, weekly = Scenario.Week.Select(day => new { day, start = "09:00", end = "09:30" }).ToArray(),
            exceptions = Array.Empty<object>(), horizonDays = 5, minNoticeMinutes = 60,
        };
        Assert.Equal(HttpStatusCode.OK, (await web.Api.PutAsync($"/api/practitioners/{practitioner.Id}/schedule", schedule, practitioner.Token)).Status);
        var slot = (await web.Api.GetAsync($"/api/practitioners/{practitioner.Id}/slots?to={DateTime.UtcNow.AddDays(6):yyyy-MM-dd}")).Body["slots"]!.AsArray()[0]!;
        var booker = await web.Api.TokenAsync("offer-booker", "patient");
        var booked = await web.Api.PostAsync("/api/appointments", Scenario.Booking(slot["slotId"]!.GetValue<string>()), booker, Guid.NewGuid().ToString("N"));
        Assert.Equal(HttpStatusCode.Created, booked.Status);

        var waiting = await web.Api.TokenAsync("offer-waiting", "patient");
        var joined = await web.Api.PostAsync("/api/waitlist", new
        {
            practitionerId = practitioner.Id,
            before = slot["start"]!.GetValue<string>()[..10],
            patient = new { firstName = "Zoé", lastName = "Quennehen", email = "zoe.quennehen@example.org", phone = "06 12 34 56 78", birthDate = "1980-02-29" },
            consent = new { email = true, sms = false },
        }, waiting, Guid.NewGuid().ToString("N"));
        Assert.Equal(HttpStatusCode.Created, joined.Status);
        var waitlistId = joined.Body["waitlistId"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.OK, (await web.Api.PostAsync($"/api/appointments/{booked.Body["appointmentId"]}/cancel", null, booker)).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await web.Api.PostAsync("/admin/functions/OfferFreedSlots", null)).Status);
        var link = await OfferLinkAsync(waitlistId);

        // In Development the link points at this host's own offer page.
        Assert.StartsWith(web.Origin + "/offers/", link, StringComparison.Ordinal);
        using var browser = new Browser();
        browser.Open(link);
        browser.Find("h1", "A time for you");
        var facts = browser.Find(".facts", "Dr Odile Offre");
        Assert.Contains("09:00–09:30", facts.Text, StringComparison.Ordinal);
        browser.Find(".hint", "Held for you until");
        Assert.DoesNotContain("Zoé", browser.PageText(), StringComparison.Ordinal);
        Assert.Equal("no-referrer", (string)browser.Script("return document.querySelector('meta[name=referrer]').content;")!);

        browser.Click("button", "Book this time");
        browser.WaitForStatus("Your appointment is booked.");
        browser.Find("h1", "Your appointment is booked");
        browser.Find(".card", "A confirmation follows");
        Assert.Contains("09:00–09:30", browser.Find(".facts").Text, StringComparison.Ordinal);

        var mine = Assert.Single((await web.Api.GetAsync("/api/me/appointments", waiting)).Body["items"]!.AsArray());
        Assert.Equal(slot["start"]!.GetValue<string>(), mine!["start"]!.GetValue<string>());
        Assert.Equal("confirmed", mine["status"]!.GetValue<string>());
        Assert.DoesNotContain(web.Host.LogLines, line => line.Contains(link.Split("/offers/")[1], StringComparison.Ordinal));
    }

    private async Task<string> OfferLinkAsync(string waitlistId)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            await web.Host.Services.GetRequiredService<EmbeddedMessageBus>().WhenIdleAsync(TimeSpan.FromSeconds(20));
            var offer = (await web.Api.GetAsync("/dev/notifications")).Body.AsArray()
                .FirstOrDefault(n => n!["kind"]!.GetValue<string>() == "waitlist-offer" && n["appointmentId"]!.GetValue<string>() == waitlistId);
            if (offer is not null)
            {
                var link = Link().Match(offer["body"]!.GetValue<string>());
                Assert.True(link.Success, "the offer carries an offer link");
                return link.Value;
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException("No offer was sent for the waitlist entry.");
    }

    [GeneratedRegex(@"https?://[^\s]+/offers/[A-Za-z0-9_-]+")]
    private static partial Regex Link();
}
