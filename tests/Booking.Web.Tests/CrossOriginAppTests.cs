using Booking.DevHost;
using Booking.DevHost.Tests;

namespace Booking.Web.Tests;

/// <summary>
/// The web app served from another origin than the API, as in Azure (Static Web Apps in front, the function app
/// behind): the browser itself enforces CORS, with real preflights for the JSON bodies and bearer tokens.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CrossOriginAppTests : IAsyncLifetime
{
    private StaticSite _allowed = null!;
    private StaticSite _notAllowed = null!;
    private DevHostFixture _api = null!;

    private string ApiOrigin => _api.Client.Http.BaseAddress!.GetLeftPart(UriPartial.Authority);

    public async Task InitializeAsync()
    {
        _allowed = await StaticSite.StartAsync();
        _notAllowed = await StaticSite.StartAsync();
        _api = await DevHostFixture.StartAsync(extraArgs: [$"--{CrossOrigin.AllowedOriginsKey}:0={_allowed.Origin}"]);
        _allowed.ApiBaseUrl = ApiOrigin;
        _notAllowed.ApiBaseUrl = ApiOrigin;
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _allowed.DisposeAsync();
        await _notAllowed.DisposeAsync();
    }

    [Fact]
    public async Task AnAllowedOriginSearchesSignsInBooksListsAndCancelsAcrossOrigins()
    {
        await Scenario.PractitionerAsync(_api.Client, city: "Lyon", specialty: "Cardiologie", name: "Dr Ariane Ailleurs");
        using var browser = new Browser();

        browser.Open(_allowed.Origin + "/#/?city=lyon");
        Assert.NotEqual(ApiOrigin, (string)browser.Script("return location.origin;")!);
        browser.Click("a", "All free times with Dr Ariane Ailleurs");
        browser.Find("a.slot").Click();
        browser.Type("#f-subject", "cross-origin-patient");
        browser.Click("button", "Sign in");
        PatientFlowTests.FillBookingForm(browser, phone: "+33 6 11 22 33 44");
        browser.Click("button", "Book this appointment");
        browser.WaitForStatus("Appointment booked");

        browser.Click("nav a", "My appointments");
        browser.Find("article.appointment", "Confirmed");
        browser.Click("button", "Cancel appointment");
        browser.Click("button", "Yes, cancel it");
        browser.Find(".badge.cancelled", "Cancelled");

        var requests = ((IReadOnlyCollection<object>)browser.Script(
            "return performance.getEntriesByType('resource').filter(e => e.initiatorType === 'fetch').map(e => new URL(e.name).origin);")!)
            .Select(o => (string)o).Distinct().ToList();
        Assert.Equal([ApiOrigin], requests);
    }

    [Fact]
    public async Task AnOriginTheApiDoesNotAllowIsRefusedByTheBrowserAndTheAppSaysSo()
    {
        await Scenario.PractitionerAsync(_api.Client, city: "Lyon", name: "Dr Ariane Ailleurs");
        using var browser = new Browser();

        browser.Open(_notAllowed.Origin + "/#/?city=lyon");

        browser.Find(".problem[role=alert]", "cannot be reached");
        Assert.Empty(browser.FindAll("a.slot"));
    }
}
