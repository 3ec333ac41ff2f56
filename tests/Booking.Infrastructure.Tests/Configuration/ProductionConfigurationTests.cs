using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Booking.Infrastructure.Tests.Configuration;

/// <summary>Outside Development the app starts only on real services, and says in one line what is missing.</summary>
public sealed class ProductionConfigurationTests
{
    // What the Bicep template gives the function app, in configuration form (endpoints are placeholders).
    internal static Dictionary<string, string?> Production() => new()
    {
        ["Storage:Provider"] = "Cosmos",
        ["Cosmos:Endpoint"] = "https://cosmos-x.documents.azure.com:443/",
        ["ServiceBus:FullyQualifiedNamespace"] = "sb-x.servicebus.windows.net",
        ["Notifications:Smtp:Host"] = "smtp.azurecomm.net",
        ["Notifications:Smtp:From"] = "Booking <no-reply@example.org>",
        ["Notifications:Smtp:Password"] = "resolved-by-the-platform",
        ["Notifications:Sms:Endpoint"] = "https://sms.example.org/messages",
        ["KeyVault:VaultUri"] = "https://kv-x.vault.azure.net/",
        ["AccessLog:BlobEndpoint"] = "https://stlogx.blob.core.windows.net/",
        ["Auth:Authority"] = "https://login.microsoftonline.com/tenant/v2.0",
    };

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    [Fact]
    public void FindsNothingGivenTheTemplatesSettings() =>
        Assert.Empty(ProductionConfiguration.Find(Configuration(Production())));

    [Theory]
    [InlineData("Storage:Provider", "Embedded", "Storage:Provider=Cosmos")]
    [InlineData("Storage:Provider", null, "Storage:Provider=Cosmos")]
    [InlineData("Cosmos:Key", "a-key", "remove Cosmos:Key")]
    [InlineData("Cosmos:AcceptAnyServerCertificate", "true", "Cosmos:AcceptAnyServerCertificate")]
    [InlineData("ServiceBus:FullyQualifiedNamespace", null, "the embedded bus")]
    [InlineData("Notifications:Smtp:Host", null, "Notifications:Smtp:Host")]
    [InlineData("Notifications:Smtp:From", "", "Notifications:Smtp:From")]
    [InlineData("Notifications:Sms:Endpoint", "", "Notifications:Sms:Endpoint")]
    [InlineData("KeyVault:VaultUri", null, "KeyVault:VaultUri")]
    [InlineData("AccessLog:BlobEndpoint", null, "AccessLog:BlobEndpoint")]
    [InlineData("AccessLog:ConnectionString", "UseDevelopmentStorage=true", "no AccessLog:ConnectionString")]
    [InlineData("Auth:Authority", null, "Auth:Authority")]
    [InlineData("Auth:SigningKey", "AAAA", "no Auth:SigningKey")]
    [InlineData("Notifications:Sms:AuthHeaderValue", "@Microsoft.KeyVault(VaultName=kv-x;SecretName=sms-auth-header)", "Notifications:Sms:AuthHeaderValue")]
    public void RefusesToStartOutsideDevelopmentNamingTheSettingGivenOneStandIn(string key, string? value, string named)
    {
        var settings = Production();
        settings[key] = value;

        var refused = Assert.Throws<ProductionConfigurationException>(() =>
            new ServiceCollection().AddInfrastructure(Configuration(settings), "Production"));

        Assert.Contains(named, refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', refused.Message);
    }

    [Fact]
    public void RefusesAServiceBusConnectionStringOutsideDevelopment()
    {
        var settings = Production();
        settings["ServiceBus:FullyQualifiedNamespace"] = null;
        settings["ServiceBus:ConnectionString"] = "Endpoint=sb://127.0.0.1:5672;SharedAccessKeyName=k;SharedAccessKey=v;UseDevelopmentEmulator=true";

        Assert.Contains(ProductionConfiguration.Find(Configuration(settings)), found => found.Contains("Service Bus connection string", StringComparison.Ordinal));
    }

    [Fact]
    public void NamesEveryStandInInOneLineGivenTheLocalDefaults()
    {
        var refused = Assert.Throws<ProductionConfigurationException>(() =>
            ProductionConfiguration.RefuseOutsideDevelopment(Configuration([]), "Staging"));

        Assert.StartsWith("The Staging environment refuses to start on ", refused.Message, StringComparison.Ordinal);
        Assert.Equal(7, ProductionConfiguration.Find(Configuration([])).Count);
        Assert.DoesNotContain('\n', refused.Message);
    }

    [Fact]
    public void AcceptsTheLocalDefaultsInDevelopment() =>
        ProductionConfiguration.RefuseOutsideDevelopment(Configuration([]), "Development");
}
