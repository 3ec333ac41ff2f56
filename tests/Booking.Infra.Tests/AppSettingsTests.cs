namespace Booking.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed class AppSettingsTests(CompiledInfra infra)
{
    private static readonly string[] RequiredSettings =
    [
        "AzureWebJobsStorage__credential",
        "AzureWebJobsStorage__clientId",
        "AzureWebJobsStorage__blobServiceUri",
        "AzureWebJobsStorage__queueServiceUri",
        "AzureWebJobsStorage__tableServiceUri",
        "AZURE_CLIENT_ID",
        "Storage__Provider",
        "Cosmos__Endpoint",
        "ServiceBus__FullyQualifiedNamespace",
        "ServiceBusConnection__fullyQualifiedNamespace",
        "ServiceBusConnection__credential",
        "ServiceBusConnection__clientId",
        "KeyVault__VaultUri",
        "KeyVault__KekSecretNamePrefix",
        "Privacy__KekEpochMonths",
        "Privacy__BackupRetentionHours",
        "KeyVault__BlindIndexSecretName",
        "AccessLog__BlobEndpoint",
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
        "Auth__Authority",
        "Auth__Issuers__0",
        "Auth__Issuers__1",
        "Auth__Audiences__0",
        "Auth__Audiences__1",
        "Auth__PractitionerIdClaim",
        "Notifications__Smtp__Host",
        "Notifications__Smtp__Port",
        "Notifications__Smtp__UserName",
        "Notifications__Smtp__Password",
        "Notifications__Smtp__From",
        "Notifications__Sms__Endpoint",
        "Notifications__Sms__AuthHeaderValue",
    ];

    // The settings that hold a provider's secret: the platform resolves each from Key Vault with the app's identity.
    private static readonly string[] KeyVaultReferencedSettings = ["Notifications__Smtp__Password", "Notifications__Sms__AuthHeaderValue"];

    // Text that would mean a credential travels in a setting.
    private static readonly string[] SecretMarkers =
        ["AccountKey=", "SharedAccessKey", "SigningKey", "listKeys", "listConnectionStrings", "listSecrets", "primaryKey", "secondaryKey", "Password", "ClientSecret"];

    private static Dictionary<string, string> Settings(DeploymentSnapshot snapshot) =>
        snapshot.Only(AppIdentity.SiteType)
            .ArrayAt("properties", "siteConfig", "appSettings")
            .ToDictionary(setting => setting.StringAt("name")!, setting => setting.StringAt("value") ?? string.Empty);

    [Fact]
    public void EveryTriggerSettingOfTheFunctionsIsAnAppSettingWithTheAppsValue()
    {
        // The Functions host resolves %Section:Key% in trigger attributes from app settings, not from the
        // worker's appsettings.json: a missing one stops the host from indexing the function.
        var references = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "src", "Booking.Functions"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(file), "\"%([A-Za-z]+:[A-Za-z]+)%\"").Select(m => m.Groups[1].Value))
            .Distinct()
            .ToList();
        using var app = System.Text.Json.JsonDocument.Parse(File.ReadAllText(RepositoryPaths.AppSettings));

        Assert.NotEmpty(references);
        foreach (var snapshot in new[] { infra.Dev, infra.Prod })
        {
            var settings = Settings(snapshot);
            foreach (var reference in references)
            {
                var path = reference.Split(':');
                var expected = app.RootElement.GetProperty(path[0]).GetProperty(path[1]).GetString();
                Assert.True(settings.TryGetValue(reference.Replace(":", "__", StringComparison.Ordinal), out var actual), $"{reference} is not an app setting");
                Assert.Equal(expected, actual);
            }
        }
    }

    [Fact]
    public void AppSettingsNameEveryEndpointAndTheIdentity()
    {
        Assert.All(new[] { infra.Dev, infra.Prod }, snapshot =>
            Assert.Subset(Settings(snapshot).Keys.ToHashSet(), RequiredSettings.ToHashSet()));
    }

    [Fact]
    public void AppSettingsConnectWithTheAppIdentityNotWithKeys()
    {
        var settings = Settings(infra.Dev);
        var clientId = $"'{AppIdentity.ResourceId(infra.Dev)}', '2024-11-30').clientId";

        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Equal("managedidentity", settings["ServiceBusConnection__credential"]);
        Assert.All(
            new[] { "AzureWebJobsStorage__clientId", "ServiceBusConnection__clientId", "AZURE_CLIENT_ID" },
            name => Assert.Contains(clientId, settings[name], StringComparison.Ordinal));
        Assert.StartsWith("[format('Authorization=AAD;ClientId={0}'", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"], StringComparison.Ordinal);
        Assert.Contains(clientId, settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"], StringComparison.Ordinal);
        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
    }

    [Fact]
    public void AppSettingsSelectCosmosStorageAndTheScriptCreatesOnlyTheBlindIndexKeyNotAKek()
    {
        var settings = Settings(infra.Dev);
        var created = infra.Dev.Only("Microsoft.Resources/deploymentScripts").ArrayAt("properties", "environmentVariables")
            .Single(variable => variable.StringAt("name") == "SECRET_NAMES").StringAt("value")!.Split(' ');

        Assert.Equal("Cosmos", settings["Storage__Provider"]);
        // The app creates each KEK epoch's secret itself (the first when it starts): the script makes none.
        Assert.Equal([settings["KeyVault__BlindIndexSecretName"]], created);
        Assert.Equal("booking-kek-", settings["KeyVault__KekSecretNamePrefix"]);
    }

    [Fact]
    public void TheAppWaitsTheCosmosBackupRetentionBeforeRetiringAKekEpoch()
    {
        foreach (var (snapshot, hours) in new[] { (infra.Dev, 24), (infra.Prod, 720) })
        {
            var backup = snapshot.Only("Microsoft.DocumentDB/databaseAccounts").At("properties", "backupPolicy")!.Value;

            Assert.Equal("Periodic", backup.StringAt("type"));
            Assert.Equal(hours, backup.IntAt("periodicModeProperties", "backupRetentionIntervalInHours"));
            Assert.Equal(hours.ToString(System.Globalization.CultureInfo.InvariantCulture), Settings(snapshot)["Privacy__BackupRetentionHours"]);
            Assert.Equal("1", Settings(snapshot)["Privacy__KekEpochMonths"]);
        }
    }

    [Fact]
    public void AppSettingsValidateCallersAgainstEntraIdNotASigningKey()
    {
        var settings = Settings(infra.Dev);
        // The login host depends on the cloud, so the snapshot leaves it as environment().authentication.loginEndpoint.
        var authority = settings["Auth__Authority"];

        Assert.Contains("environment().authentication.loginEndpoint", authority, StringComparison.Ordinal);
        Assert.Contains($"'{CompiledInfra.TenantId}'", authority, StringComparison.Ordinal);
        Assert.Contains("/v2.0", authority, StringComparison.Ordinal);
        // v2 access tokens: the authority as issuer, the API's client id as audience; v1: sts.windows.net and the application id URI.
        Assert.Equal(authority, settings["Auth__Issuers__0"]);
        Assert.Contains("https://sts.windows.net/", settings["Auth__Issuers__1"], StringComparison.Ordinal);
        // The snapshot resolves the tenant inside format() but leaves it as the parameter inside if().
        Assert.Contains("parameters('authTenantId')", settings["Auth__Issuers__1"], StringComparison.Ordinal);
        Assert.Equal("api://booking-api", settings["Auth__Audiences__1"]);
        Assert.DoesNotContain(settings.Keys, name => name is "Auth__Issuer" or "Auth__Audience");
        Assert.DoesNotContain(settings.Keys, name => name.StartsWith("Auth__SigningKey", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void ProviderSecretsAreKeyVaultReferencesResolvedWithTheAppIdentity()
    {
        var settings = Settings(infra.Dev);
        var vault = infra.Dev.Only("Microsoft.KeyVault/vaults").StringAt("name");

        Assert.All(KeyVaultReferencedSettings, name =>
            Assert.Matches($"^@Microsoft.KeyVault\\(VaultName={vault};SecretName=[a-z0-9-]+\\)$", settings[name]));
        Assert.Equal(AppIdentity.ResourceId(infra.Dev), Site.StringAt("properties", "keyVaultReferenceIdentity"));
    }

    private JsonElement Site => infra.Dev.Only(AppIdentity.SiteType);

    [Fact]
    public void AppSettingsCarryNoSecret()
    {
        var settings = Settings(infra.Dev).Concat(Settings(infra.Prod)).Where(setting => !KeyVaultReferencedSettings.Contains(setting.Key)).ToList();

        Assert.All(settings, setting =>
        {
            Assert.DoesNotContain(SecretMarkers, marker => setting.Value.Contains(marker, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(SecretMarkers, marker => setting.Key.Contains(marker, StringComparison.OrdinalIgnoreCase));
        });
        // Application Insights' connection string only identifies the resource (local auth is off); no other may exist.
        Assert.All(
            settings.Where(setting =>
                setting.Key.EndsWith("ConnectionString", StringComparison.OrdinalIgnoreCase)
                || setting.Key.EndsWith("CONNECTION_STRING", StringComparison.OrdinalIgnoreCase)),
            setting => Assert.Equal("APPLICATIONINSIGHTS_CONNECTION_STRING", setting.Key));
    }

    [Fact]
    public void CompiledFunctionsModuleReceivesTheSameSettings()
    {
        var module = ArmTemplate.Module(infra.Template, "functions");
        var compiled = module.Element.At("properties", "parameters", "appSettings", "value")!.Value
            .EnumerateObject().Select(property => property.Name).ToHashSet();

        Assert.Equal(Settings(infra.Dev).Keys.ToHashSet(), compiled);
    }
}
