namespace Booking.Web.Tests;

/// <summary>/docs in a browser: Scalar renders the function app's own OpenAPI document, loading nothing from elsewhere.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ApiReferenceTests(WebHost web) : IClassFixture<WebHost>
{
    [Fact]
    public void DocsRendersTheServedOpenApiDocumentFromThisHostOnly()
    {
        using var browser = new Browser();
        browser.Open(web.Origin + "/docs");

        // The document's own description, so the page shows the served document and not another.
        browser.Until(() => browser.PageText().Contains("Privacy-first appointment booking", StringComparison.Ordinal) ? "shown" : null, "the document's description");
        var resources = ((IReadOnlyCollection<object>)browser.Script("return performance.getEntriesByType('resource').map(e => e.name);")!)
            .Select(r => new Uri((string)r)).ToList();
        Assert.Contains(resources, r => r.AbsolutePath == "/api/openapi.json");
        Assert.All(resources, r => Assert.Equal(web.Origin, r.GetLeftPart(UriPartial.Authority)));
    }
}
