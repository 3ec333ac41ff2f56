namespace Booking.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed class NamingTests(CompiledInfra infra)
{
    private static readonly Dictionary<string, string> AbbreviationByType = new()
    {
        ["Microsoft.Resources/resourceGroups"] = "resourceGroup",
        ["Microsoft.Web/sites"] = "functionApp",
        ["Microsoft.Web/serverfarms"] = "appServicePlan",
        ["Microsoft.Web/staticSites"] = "staticWebApp",
        ["Microsoft.DocumentDB/databaseAccounts"] = "cosmosDbAccount",
        ["Microsoft.ServiceBus/namespaces"] = "serviceBusNamespace",
        ["Microsoft.KeyVault/vaults"] = "keyVault",
        ["Microsoft.Insights/components"] = "appInsights",
        ["Microsoft.OperationalInsights/workspaces"] = "logAnalyticsWorkspace",
        ["Microsoft.ManagedIdentity/userAssignedIdentities"] = "managedIdentity",
        ["Microsoft.Resources/deploymentScripts"] = "deploymentScript",
        ["Microsoft.Insights/actionGroups"] = "actionGroup",
        ["Microsoft.Insights/metricAlerts"] = "alertRule",
        ["Microsoft.Insights/scheduledQueryRules"] = "alertRule",
    };

    private static JsonElement Abbreviations()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Infra, "abbreviations.json")));
        return document.RootElement.Clone();
    }

    [Fact]
    public void ResourceNamesStartWithTheirAbbreviation()
    {
        var abbreviations = Abbreviations();
        Assert.All(AbbreviationByType, entry =>
        {
            var prefix = abbreviations.StringAt(entry.Value)!;
            Assert.All(infra.Dev.OfType(entry.Key), resource => Assert.StartsWith(prefix, resource.StringAt("name"), StringComparison.Ordinal));
        });
    }

    [Fact]
    public void ResourceNamesShareOneTokenPerEnvironmentAndDifferAcrossEnvironments()
    {
        static string Token(DeploymentSnapshot snapshot) =>
            snapshot.Only(AppIdentity.SiteType).StringAt("name")!.Split('-')[^1];

        var token = Token(infra.Dev);
        Assert.Equal(13, token.Length);
        Assert.All(
            infra.Dev.OfType("Microsoft.Storage/storageAccounts").Concat(infra.Dev.OfType("Microsoft.KeyVault/vaults")),
            resource => Assert.EndsWith(token, resource.StringAt("name"), StringComparison.Ordinal));
        Assert.NotEqual(token, Token(infra.Prod));
    }

    [Fact]
    public void StorageAccountNamesAreValid() =>
        Assert.All(infra.Prod.OfType("Microsoft.Storage/storageAccounts"), account =>
            Assert.Matches("^[a-z0-9]{3,24}$", account.StringAt("name")));

    [Fact]
    public void EveryTopLevelResourceIsTaggedWithTheAzdEnvironment()
    {
        var topLevel = infra.Prod.Resources.Where(resource =>
            resource.StringAt("type")!.Count(c => c == '/') == 1
            && !resource.StringAt("type")!.StartsWith("Microsoft.Authorization/", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(topLevel);
        Assert.All(topLevel, resource => Assert.Equal("booking-prod", resource.StringAt("tags", "azd-env-name")));
    }
}
