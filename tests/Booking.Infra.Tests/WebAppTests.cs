namespace Booking.Infra.Tests;

/// <summary>
/// The web app (web/) as a Static Web App on the Free plan, and what the API takes from it: its origin in CORS and
/// its manage page as the notifications' link, unless the parameters say otherwise.
/// </summary>
[Collection(InfraCollection.Name)]
public sealed class WebAppTests(CompiledInfra infra)
{
    public const string Type = "Microsoft.Web/staticSites";

    /// <summary>The origin of the snapshot's Static Web App, as ARM computes it at deployment.</summary>
    public static string HostNameExpression(DeploymentSnapshot snapshot) =>
        $"reference('{snapshot.Only(Type).StringAt("id")}', '{snapshot.Only(Type).StringAt("apiVersion")}').defaultHostname";

    /// <summary>allowedOrigins as main.bicep writes it: the web app's origin, then the parameter's origins.</summary>
    public static string OriginsExpression(DeploymentSnapshot snapshot, IReadOnlyList<string> others) =>
        $"[union(createArray(format('https://{{0}}', {HostNameExpression(snapshot)})), createArray({string.Join(", ", others.Select(o => $"'{o}'"))}))]";

    [Fact]
    public void TheWebAppIsAStaticWebAppOnTheFreePlanTaggedAsAzdServiceWeb()
    {
        Assert.All(new[] { infra.Dev, infra.Prod }, snapshot =>
        {
            var site = snapshot.Only(Type);
            Assert.Equal("Free", site.StringAt("sku", "name"));
            Assert.Equal("Free", site.StringAt("sku", "tier"));
            Assert.Equal("web", site.StringAt("tags", "azd-service-name"));
            // Static Web Apps are offered in a few regions only (not the API's francecentral).
            Assert.Equal("westeurope", site.StringAt("location"));
            Assert.StartsWith("/subscriptions/", site.StringAt("id"), StringComparison.Ordinal);
            Assert.Contains($"/resourceGroups/{snapshot.Only("Microsoft.Resources/resourceGroups").StringAt("name")}/", site.StringAt("id"), StringComparison.Ordinal);
        });
    }

    [Fact]
    public void NotificationsLinkToTheWebAppsManagePageUnlessTheParameterNamesAnother()
    {
        Assert.All(new[] { infra.Dev, infra.Prod }, snapshot =>
            Assert.Equal($"[format('https://{{0}}/manage/{{{{token}}}}', {HostNameExpression(snapshot)})]", Setting(snapshot, "Notifications__ManageLinkTemplate")));
        Assert.Equal(CompiledInfra.ManageLinkTemplate, Setting(infra.WithPartners, "Notifications__ManageLinkTemplate"));
    }

    [Fact]
    public void TheTemplateOutputsTheWebAppsNameAndAddressForTheDeployStep()
    {
        var outputs = infra.Template.At("outputs")!.Value;

        Assert.Equal("string", outputs.StringAt("SERVICE_WEB_NAME", "type"));
        Assert.Equal("string", outputs.StringAt("SERVICE_WEB_URI", "type"));
    }

    [Fact]
    public void TheStaticWebAppConfigRewritesManageLinksToTheManagePageAndForbidsReferrers()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "web", "staticwebapp.config.json")));
        var manage = config.RootElement.ArrayAt("routes").Single(route => route.StringAt("route") == "/manage/*");

        Assert.Equal("/manage.html", manage.StringAt("rewrite"));
        Assert.Equal("no-store", manage.StringAt("headers", "Cache-Control"));
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, "web", "manage.html")));
        Assert.Equal("no-referrer", config.RootElement.StringAt("globalHeaders", "Referrer-Policy"));
        Assert.Equal("nosniff", config.RootElement.StringAt("globalHeaders", "X-Content-Type-Options"));
        Assert.StartsWith("default-src 'self'", config.RootElement.StringAt("globalHeaders", "Content-Security-Policy"), StringComparison.Ordinal);
    }

    private static string Setting(DeploymentSnapshot snapshot, string name) =>
        snapshot.Only(AppIdentity.SiteType).ArrayAt("properties", "siteConfig", "appSettings")
            .Single(setting => setting.StringAt("name") == name).StringAt("value")!;
}
