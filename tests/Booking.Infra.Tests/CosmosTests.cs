namespace Booking.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed class CosmosTests(CompiledInfra infra)
{
    private const string AccountType = "Microsoft.DocumentDB/databaseAccounts";
    private const string ContainerType = "Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers";

    // Reference data: kept as long as the practice exists, so no TTL at all.
    private static readonly string[] ContainersWithoutTtl = ["Practitioners", "Directory"];

    private ArmResource Account => Assert.Single(ArmTemplate.Declared(infra.Template, AccountType));

    [Fact]
    public void CosmosAccountDisablesLocalAuth()
    {
        Assert.True(Account.Properties.BoolAt("disableLocalAuth"));
        Assert.True(Account.Properties.BoolAt("disableKeyBasedMetadataWriteAccess"));
    }

    [Fact]
    public void CosmosAccountIsServerless() =>
        Assert.Contains(Account.Properties.ArrayAt("capabilities"), capability => capability.StringAt("name") == "EnableServerless");

    [Fact]
    public void CosmosAccountRequiresTls12() =>
        Assert.Equal("Tls12", Account.Properties.StringAt("minimalTlsVersion"));

    [Fact]
    public void CosmosDatabaseNameComesFromAppSettings() =>
        Assert.NotNull(infra.Dev.Find("Microsoft.DocumentDB/databaseAccounts/sqlDatabases", infra.AppSettings.CosmosDatabaseName));

    [Fact]
    public void EveryContainerTheCodeUsesExistsPartitionedOnPk()
    {
        Assert.NotEmpty(infra.AppSettings.CosmosContainers);
        Assert.All(infra.AppSettings.CosmosContainers.Values, name =>
        {
            var container = infra.Dev.Find(ContainerType, $"{infra.AppSettings.CosmosDatabaseName}/{name}");
            Assert.True(container.HasValue, $"No Cosmos container '{name}'.");
            Assert.Equal(["/pk"], container.Value.ArrayAt("properties", "resource", "partitionKey", "paths").Select(path => path.GetString()));
        });
    }

    [Fact]
    public void ContainersHavePerItemTtlExceptPractitionersAndDirectory()
    {
        Assert.Subset(infra.AppSettings.CosmosContainers.Keys.ToHashSet(), ContainersWithoutTtl.ToHashSet());
        Assert.All(infra.AppSettings.CosmosContainers, setting =>
        {
            var container = infra.Dev.Find(ContainerType, $"{infra.AppSettings.CosmosDatabaseName}/{setting.Value}")!.Value;
            var ttl = container.At("properties", "resource", "defaultTtl");
            if (ContainersWithoutTtl.Contains(setting.Key))
            {
                Assert.Null(ttl);
            }
            else
            {
                Assert.Equal(-1, ttl?.GetInt32());
            }
        });
    }

    [Fact]
    public void AppIdentityIsCosmosDataContributorOnTheAccount()
    {
        var account = infra.Dev.Only(AccountType);
        var assignment = Assert.Single(infra.Dev.OfType("Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments"));

        Assert.EndsWith($"/sqlRoleDefinitions/{Roles.CosmosBuiltInDataContributor}", assignment.StringAt("properties", "roleDefinitionId"), StringComparison.Ordinal);
        Assert.Contains($"'{AppIdentity.ResourceId(infra.Dev)}'", assignment.StringAt("properties", "principalId"), StringComparison.Ordinal);
        Assert.Equal(account.StringAt("id"), assignment.StringAt("properties", "scope"));
    }
}
