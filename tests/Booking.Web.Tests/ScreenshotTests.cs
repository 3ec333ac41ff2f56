using System.Net;
using System.Text.RegularExpressions;
using Booking.DevHost.Tests;
using Booking.Infrastructure.Embedded;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.Web.Tests;

/// <summary>
/// The main screens at desktop and phone width, on the demo data: each must fit the width (no sideways scrolling) and
/// pass axe-core there, and each is photographed. The pictures go to a temporary folder, or to the folder named by
/// BOOKING_SCREENSHOTS_DIR: scripts/screenshots.sh sets it to docs/screenshots to refresh the committed ones.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ScreenshotTests : IAsyncLifetime
{
    private const string Patient = "camille";
    private DevHostFixture _host = null!;

    private string Origin => _host.Client.Http.BaseAddress!.GetLeftPart(UriPartial.Authority);

    public async Task InitializeAsync() => _host = await DevHostFixture.StartAsync(seed: true);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<string> Widths => new() { "desktop", "phone" };

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task EveryMainScreenFitsTheWidthPassesAxeAndIsPhotographed(string width)
    {
        var size = width == "desktop" ? Browser.Desktop : Browser.Phone;
        var manageLink = await BookForThePatientAsync();
        var folder = Environment.GetEnvironmentVariable("BOOKING_SCREENSHOTS_DIR") is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(Path.GetTempPath(), "booking-web-screenshots", Guid.NewGuid().ToString("N"));
        using var browser = new Browser(size);
        browser.Resize(size);

        browser.Open(Origin + "/#/?city=Paris");
        browser.Find("h3", "Dr Amélie Durand");
        Shoot(browser, folder, "search", width);

        browser.Click("a", "All free times with Dr Amélie Durand");
        browser.Find("h1", "Free times with Dr Amélie Durand");
        Shoot(browser, folder, "slots", width);

        browser.Find("a.slot").Click();
        browser.Type("#f-subject", Patient);
        browser.Click("button", "Sign in");
        browser.Find("h1", "Book this appointment");
        browser.Type("#f-patient-firstName", "Camille");
        browser.Type("#f-patient-lastName", "Moreau");
        browser.Type("#f-patient-email", "camille.moreau@example.org");
        Shoot(browser, folder, "booking", width);

        browser.Open(Origin + "/#/appointments");
        browser.Find("article.appointment", "Confirmed");
        Shoot(browser, folder, "appointments", width);

        browser.Open(manageLink);
        browser.Find(".facts", "Dr Amélie Durand");
        Shoot(browser, folder, "manage", width);

        Assert.Equal(5, Directory.GetFiles(folder, $"*-{width}.png").Length);
    }

    private static void Shoot(Browser browser, string folder, string screen, string width)
    {
        browser.Script("window.scrollTo(0, 0); document.activeElement?.blur();");
        Accessibility.AssertNoHorizontalScroll(browser);
        Accessibility.AssertNoAxeViolations(browser);
        // Wait out the status message's 50 ms announcement delay, so the picture shows it.
        Thread.Sleep(150);
        browser.SaveScreenshot(Path.Combine(folder, $"{screen}-{width}.png"));
    }

    /// <summary>Two appointments of the patient with Dr Amélie Durand (one cancelled); the manage link of the confirmed one.</summary>
    private async Task<string> BookForThePatientAsync()
    {
        var api = _host.Client;
        var search = await api.GetAsync("/api/practitioners?city=Paris");
        var durand = search.Body["items"]!.AsArray().Single(p => p!["displayName"]!.GetValue<string>() == "Dr Amélie Durand")!;
        var slots = await Scenario.FreeSlotIdsAsync(api, durand["practitionerId"]!.GetValue<string>());
        var token = await api.TokenAsync(Patient, "patient");
        var kept = await api.PostAsync("/api/appointments", Scenario.Booking(slots[3], "Camille", "Moreau", "Renouvellement d'ordonnance"), token, Guid.NewGuid().ToString("N"));
        var cancelled = await api.PostAsync("/api/appointments", Scenario.Booking(slots[5], "Camille", "Moreau"), token, Guid.NewGuid().ToString("N"));
        Assert.Equal(HttpStatusCode.Created, kept.Status);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync($"/api/appointments/{cancelled.Body["appointmentId"]}/cancel", null, token)).Status);

        await _host.Services.GetRequiredService<EmbeddedMessageBus>().WhenIdleAsync(TimeSpan.FromSeconds(20));
        var id = kept.Body["appointmentId"]!.GetValue<string>();
        var confirmation = (await api.GetAsync("/dev/notifications")).Body.AsArray()
            .Single(n => n!["appointmentId"]!.GetValue<string>() == id && n["kind"]!.GetValue<string>() == "confirmation");
        return Link().Match(confirmation!["body"]!.GetValue<string>()).Value;
    }

    [GeneratedRegex(@"https?://[^\s]+/manage/[A-Za-z0-9_-]+")]
    private static partial Regex Link();
}
