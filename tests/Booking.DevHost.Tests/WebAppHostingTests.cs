using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Booking.Infrastructure.Embedded;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.DevHost.Tests;

/// <summary>
/// The local host serves the web app (web/, copied beside it) at / and its token pages at /manage/{token} and
/// /offers/{token}, with the API's routes first; links notifications to those pages in Development; and shows Scalar's API reference at /docs.
/// </summary>
public sealed partial class WebAppHostingTests : IAsyncLifetime
{
    private DevHostFixture _host = null!;

    private HttpClient Http => _host.Client.Http;

    public async Task InitializeAsync() => _host = await DevHostFixture.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("/", "text/html", "/js/app.js")]
    [InlineData("/index.html", "text/html", "/js/app.js")]
    [InlineData("/js/app.js", "text/javascript", "hashchange")]
    [InlineData("/css/app.css", "text/css", ":focus-visible")]
    [InlineData("/config.js", "text/javascript", "apiBaseUrl")]
    public async Task RootServesTheWebAppsFilesWithTheSecurityHeaders(string path, string mediaType, string content)
    {
        using var response = await Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(content, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("no-referrer", CrossOriginTests.Header(response, "Referrer-Policy"));
        Assert.Equal("nosniff", CrossOriginTests.Header(response, "X-Content-Type-Options"));
        Assert.Equal(WebApp.ContentSecurityPolicy, CrossOriginTests.Header(response, "Content-Security-Policy"));
    }

    [Theory]
    [InlineData("/manage/c29tZS10b2tlbg")]
    [InlineData("/manage/anything-at-all_09")]
    public async Task ManageAddressesServeTheManagePageUncached(string path)
    {
        using var response = await Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/js/manage.js", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal("no-referrer", CrossOriginTests.Header(response, "Referrer-Policy"));
        Assert.DoesNotContain(_host.LogLines, line => line.Contains(path, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/offers/c29tZS10b2tlbg")]
    [InlineData("/offers/anything-at-all_09")]
    public async Task OfferAddressesServeTheOfferPageUncached(string path)
    {
        using var response = await Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("/js/offer.js", html, StringComparison.Ordinal);
        Assert.Contains("<meta name=\"referrer\" content=\"no-referrer\">", html, StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal("no-referrer", CrossOriginTests.Header(response, "Referrer-Policy"));
        Assert.Equal(WebApp.ContentSecurityPolicy, CrossOriginTests.Header(response, "Content-Security-Policy"));
        Assert.DoesNotContain(_host.LogLines, line => line.Contains(path, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheOffersApiRouteStaysTheApisBesideTheOfferPage()
    {
        using var response = await Http.GetAsync("/api/offers/AAAA");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AnOfferLinkTemplateGivenOnTheCommandLineIsKept()
    {
        await using var host = await DevHostFixture.StartAsync(extraArgs: ["--Waitlist:OfferLinkTemplate=https://app.example.test/offers/{token}"]);

        Assert.Equal("https://app.example.test/offers/{token}",
            host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Booking.Application.Waitlist.WaitlistOptions>>().Value.OfferLinkTemplate);
        Assert.Equal(_host.Client.Http.BaseAddress!.GetLeftPart(UriPartial.Authority) + "/offers/{token}",
            _host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Booking.Application.Waitlist.WaitlistOptions>>().Value.OfferLinkTemplate);
    }

    [Theory]
    [InlineData("/api/index.html")]
    [InlineData("/api/js/app.js")]
    [InlineData("/dev/index.html")]
    [InlineData("/no-such-page.html")]
    [InlineData("/package.json")]
    public async Task TheApiAndTheHostsOwnPrefixesNeverAnswerWithAFile(string path)
    {
        using var response = await Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task DocsIsScalarsReferenceOverTheOpenApiDocumentTheApiServes()
    {
        using var page = await Http.GetAsync("/docs/");
        var html = await page.Content.ReadAsStringAsync();
        using var script = await Http.GetAsync("/docs/scalar.js");
        using var document = await Http.GetAsync("/api/openapi.json");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>Booking API</title>", html, StringComparison.Ordinal);
        // The page's one source is the function app's document (relative to the site root: /api/openapi.json).
        Assert.Matches("\"sources\":\\[\\{\"title\":\"[^\"]+\",\"url\":\"api/openapi.json\"\\}\\]", html);
        Assert.Contains("<script src=\"scalar.js\"></script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
    }

    [Fact]
    public async Task InDevelopmentNotificationsLinkToThisHostsOwnManagePage()
    {
        var link = await ConfirmationLinkAsync(_host);

        Assert.StartsWith(_host.Client.Http.BaseAddress!.GetLeftPart(UriPartial.Authority) + "/manage/", link, StringComparison.Ordinal);
        using var page = await Http.GetAsync(new Uri(link).AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task AManageLinkTemplateGivenOnTheCommandLineWinsOverThisHostsOwnPage()
    {
        await using var host = await DevHostFixture.StartAsync(extraArgs: ["--Notifications:ManageLinkTemplate=https://app.example.test/manage/{token}"]);

        Assert.StartsWith("https://app.example.test/manage/", await ConfirmationLinkAsync(host), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHostStartedInAnotherDirectoryServesTheWebAppFromBesideItself()
    {
        var elsewhere = Directory.CreateTempSubdirectory("booking-devhost-cwd-").FullName;
        var start = HostProcess.StartInfo(["--data-dir", Path.Combine(elsewhere, "data"), "--urls", "http://127.0.0.1:0", "--no-seed"]);
        start.WorkingDirectory = elsewhere;
        using var host = Process.Start(start)!;
        try
        {
            var url = await ListeningUrlAsync(host);
            using var http = new HttpClient { BaseAddress = new Uri(url) };

            Assert.Contains("/js/app.js", await http.GetStringAsync("/"), StringComparison.Ordinal);
            Assert.Contains("/js/manage.js", await http.GetStringAsync("/manage/some-token"), StringComparison.Ordinal);
            Assert.Contains("/js/offer.js", await http.GetStringAsync("/offers/some-token"), StringComparison.Ordinal);
        }
        finally
        {
            host.Kill(entireProcessTree: true);
            await host.WaitForExitAsync();
        }
    }

    private static async Task<string> ConfirmationLinkAsync(DevHostFixture host)
    {
        var practitioner = await Scenario.PractitionerAsync(host.Client);
        var slot = (await Scenario.FreeSlotIdsAsync(host.Client, practitioner.Id))[0];
        var patient = await host.Client.TokenAsync("web-link-patient", "patient");
        var booked = await host.Client.PostAsync("/api/appointments", Scenario.Booking(slot), patient, "link-1");
        Assert.Equal(HttpStatusCode.Created, booked.Status);
        await host.Services.GetRequiredService<EmbeddedMessageBus>().WhenIdleAsync(TimeSpan.FromSeconds(20));
        var sent = Assert.Single((await host.Client.GetAsync("/dev/notifications")).Body.AsArray());
        return Link().Match(sent!["body"]!.GetValue<string>()).Value;
    }

    private static async Task<string> ListeningUrlAsync(Process host)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await host.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (StartLine().Match(line) is { Success: true } match)
            {
                return match.Groups["url"].Value;
            }
        }

        throw new InvalidOperationException("The host stopped without saying where it listens: " + await host.StandardError.ReadToEndAsync());
    }

    [GeneratedRegex(@"https?://[^\s]+/manage/[A-Za-z0-9_-]+")]
    private static partial Regex Link();

    [GeneratedRegex(@"listening on (?<url>http://127\.0\.0\.1:\d+);")]
    private static partial Regex StartLine();
}
