namespace Booking.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed class FunctionAppTests(CompiledInfra infra)
{
    private JsonElement Site => infra.Dev.Only(AppIdentity.SiteType);

    [Fact]
    public void FunctionAppRunsOnFlexConsumptionLinuxPlan()
    {
        var plan = infra.Dev.Only("Microsoft.Web/serverfarms");

        Assert.Equal("FC1", plan.StringAt("sku", "name"));
        Assert.Equal("FlexConsumption", plan.StringAt("sku", "tier"));
        Assert.True(plan.BoolAt("properties", "reserved"));
        Assert.Equal(plan.StringAt("id"), Site.StringAt("properties", "serverFarmId"));
    }

    [Fact]
    public void FunctionAppRunsDotnetIsolatedVersion10OnLinux()
    {
        Assert.Contains("linux", Site.StringAt("kind"), StringComparison.Ordinal);
        Assert.Equal("dotnet-isolated", Site.StringAt("properties", "functionAppConfig", "runtime", "name"));
        Assert.Equal("10.0", Site.StringAt("properties", "functionAppConfig", "runtime", "version"));
    }

    [Fact]
    public void FunctionAppIsHttpsOnlyWithTls12AndNoBasicPublishingCredentials()
    {
        Assert.True(Site.BoolAt("properties", "httpsOnly"));
        Assert.Equal("1.2", Site.StringAt("properties", "siteConfig", "minTlsVersion"));
        Assert.Equal("Disabled", Site.StringAt("properties", "siteConfig", "ftpsState"));

        var policies = infra.Dev.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();
        Assert.Equal(["ftp", "scm"], policies.Select(policy => policy.StringAt("name")!.Split('/')[^1]).Order());
        Assert.All(policies, policy => Assert.False(policy.BoolAt("properties", "allow")));
    }

    [Fact]
    public void FunctionAppRunsAsOneUserAssignedIdentity()
    {
        Assert.Equal("UserAssigned", Site.StringAt("identity", "type"));
        Assert.Contains("/userAssignedIdentities/", AppIdentity.ResourceId(infra.Dev), StringComparison.Ordinal);
    }

    [Fact]
    public void FunctionAppDeploysFromBlobContainerWithItsIdentity()
    {
        var storage = Site.At("properties", "functionAppConfig", "deployment", "storage")!.Value;

        Assert.Equal("blobContainer", storage.StringAt("type"));
        Assert.Equal("UserAssignedIdentity", storage.StringAt("authentication", "type"));
        Assert.Equal(AppIdentity.ResourceId(infra.Dev), storage.StringAt("authentication", "userAssignedIdentityResourceId"));

        Assert.NotNull(AppIdentity.DeploymentContainer(infra.Dev));
    }

    [Fact]
    public void FunctionAppScaleComesFromEachEnvironmentsParameters()
    {
        static (int?, int?) Scale(DeploymentSnapshot snapshot) =>
            snapshot.Only(AppIdentity.SiteType).At("properties", "functionAppConfig", "scaleAndConcurrency") is { } scale
                ? (scale.IntAt("instanceMemoryMB"), scale.IntAt("maximumInstanceCount"))
                : (null, null);

        Assert.Equal((512, 40), Scale(infra.Dev));
        Assert.Equal((2048, 200), Scale(infra.Prod));
    }

    [Fact]
    public void FunctionAppAllowsCrossOriginCallsFromTheWebAppAndTheCorsParameterAndNeverWithCredentials()
    {
        // The Static Web App's host name is known only once it exists: the snapshot keeps the union as an expression.
        Assert.Equal(WebAppTests.OriginsExpression(infra.Dev, []), Cors(infra.Dev).StringAt("allowedOrigins"));
        Assert.Equal(WebAppTests.OriginsExpression(infra.Prod, []), Cors(infra.Prod).StringAt("allowedOrigins"));
        Assert.Equal(WebAppTests.OriginsExpression(infra.WithPartners, CompiledInfra.CorsAllowedOrigins), Cors(infra.WithPartners).StringAt("allowedOrigins"));
        Assert.All(new[] { infra.Dev, infra.Prod, infra.WithPartners }, snapshot => Assert.False(Cors(snapshot).BoolAt("supportCredentials")));
    }

    private static JsonElement Cors(DeploymentSnapshot snapshot) =>
        snapshot.Only(AppIdentity.SiteType).At("properties", "siteConfig", "cors")!.Value;

    [Fact]
    public void FunctionAppIsTaggedAsAzdServiceApi()
    {
        Assert.Equal("api", Site.StringAt("tags", "azd-service-name"));
        Assert.Equal("booking-dev", Site.StringAt("tags", "azd-env-name"));
    }
}
