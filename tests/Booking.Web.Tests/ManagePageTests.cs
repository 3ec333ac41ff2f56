using System.Net;
using System.Text.RegularExpressions;
using Booking.DevHost.Tests;
using Booking.Infrastructure.Embedded;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.Web.Tests;

/// <summary>The manage page as a patient reaches it: from the link in the confirmation the local host "sent".</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ManagePageTests(WebHost web) : IClassFixture<WebHost>
{
    [Fact]
    public async Task TheConfirmationsLinkOpensThisHostsManagePageWhichShowsAndCancelsTheAppointment()
    {
        var (appointmentId, link) = await BookAndReadLinkAsync("Dr Margot Lien");

        // In Development the link points at this host's own manage page.
        Assert.StartsWith(web.Origin + "/manage/", link, StringComparison.Ordinal);
        using var browser = new Browser();
        browser.Open(link);
        browser.Find("h1", "Your appointment");
        var facts = browser.Find(".facts", "Dr Margot Lien");
        Assert.Contains("Confirmed", facts.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Zoé", browser.PageText(), StringComparison.Ordinal);

        browser.Click("button", "Cancel appointment");
        browser.Find("[role=group]", "Cancel this appointment?");
        browser.Click("button", "Yes, cancel it");
        browser.WaitForStatus("Your appointment is cancelled.");
        browser.Find(".badge.cancelled", "Cancelled");
        Assert.Empty(browser.FindAll("button.danger"));

        var patient = await web.Api.TokenAsync("manage-patient", "patient");
        Assert.Equal("cancelled", (await web.Api.GetAsync($"/api/appointments/{appointmentId}", patient)).Body["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheManagePageLoadsNothingFromElsewhereAndItsTokenIsInNoLogLine()
    {
        var (_, link) = await BookAndReadLinkAsync("Dr Basile Discret");
        var token = link.Split("/manage/")[1];
        using var browser = new Browser();
        browser.Open(link);
        browser.Find(".facts", "Dr Basile Discret");

        var origins = ((IReadOnlyCollection<object>)browser.Script(
                "return performance.getEntriesByType('resource').map(e => new URL(e.name).origin);")!)
            .Select(o => (string)o).Distinct().ToList();
        Assert.All(origins, origin => Assert.Equal(web.Origin, origin));
        Assert.Equal("no-referrer", (string)browser.Script("return document.querySelector('meta[name=referrer]').content;")!);
        Assert.DoesNotContain(web.Host.LogLines, line => line.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public void AChangedTokenSaysTheLinkDoesNotWork()
    {
        using var browser = new Browser();
        browser.Open(web.Origin + "/manage/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

        browser.Find(".problem[role=alert]", "This link does not work");
        Assert.Empty(browser.FindAll("button.danger"));
    }

    private async Task<(string AppointmentId, string Link)> BookAndReadLinkAsync(string practitionerName)
    {
        var practitioner = await Scenario.PractitionerAsync(web.Api, name: practitionerName);
        var slot = (await Scenario.FreeSlotIdsAsync(web.Api, practitioner.Id))[0];
        var patient = await web.Api.TokenAsync("manage-patient", "patient");
        var booked = await web.Api.PostAsync("/api/appointments", Scenario.Booking(slot), patient, Guid.NewGuid().ToString("N"));
        Assert.Equal(HttpStatusCode.Created, booked.Status);
        var appointmentId = booked.Body["appointmentId"]!.GetValue<string>();

        await web.Host.Services.GetRequiredService<EmbeddedMessageBus>().WhenIdleAsync(TimeSpan.FromSeconds(20));
        var confirmation = (await web.Api.GetAsync("/dev/notifications")).Body.AsArray()
            .Single(n => n!["appointmentId"]!.GetValue<string>() == appointmentId && n["kind"]!.GetValue<string>() == "confirmation");
        var link = Link().Match(confirmation!["body"]!.GetValue<string>());
        Assert.True(link.Success, "the confirmation carries a manage link");
        return (appointmentId, link.Value);
    }

    [GeneratedRegex(@"https?://[^\s]+/manage/[A-Za-z0-9_-]+")]
    private static partial Regex Link();
}
