namespace Booking.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed class NetworkTests(CompiledInfra infra)
{
    private const string PrivateEndpointType = "Microsoft.Network/privateEndpoints";

    // Every data service, with the sub-resources that need a private endpoint.
    private static readonly (string Type, string[] GroupIds)[] DataServices =
    [
        ("Microsoft.DocumentDB/databaseAccounts", ["Sql"]),
        ("Microsoft.ServiceBus/namespaces", ["namespace"]),
        ("Microsoft.KeyVault/vaults", ["vault"]),
        ("Microsoft.Storage/storageAccounts", ["blob"]),
    ];

    private static IEnumerable<JsonElement> DataServiceResources(DeploymentSnapshot snapshot) =>
        DataServices.SelectMany(service => snapshot.OfType(service.Type));

    [Fact]
    public void DataServicesStayPublicWithoutPrivateEndpointsByDefault()
    {
        Assert.DoesNotContain(infra.Dev.Resources, resource => resource.StringAt("type")!.StartsWith("Microsoft.Network/", StringComparison.Ordinal));
        Assert.All(DataServiceResources(infra.Dev), resource => Assert.Equal("Enabled", resource.StringAt("properties", "publicNetworkAccess")));
        Assert.Null(infra.Dev.Only(AppIdentity.SiteType).StringAt("properties", "virtualNetworkSubnetId"));
    }

    [Fact]
    public void DataServicesRefusePublicNetworkAccessWhenPrivateEndpointsAreEnabled()
    {
        var services = DataServiceResources(infra.Prod).ToList();

        // Cosmos DB, Service Bus, Key Vault, the runtime storage account and the access-log account.
        Assert.Equal(5, services.Count);
        Assert.All(services, resource => Assert.Equal("Disabled", resource.StringAt("properties", "publicNetworkAccess")));
    }

    [Fact]
    public void EveryDataServiceGetsAPrivateEndpointWithDnsWhenEnabled()
    {
        var endpoints = infra.Prod.OfType(PrivateEndpointType).ToList();
        var targets = endpoints
            .SelectMany(endpoint => endpoint.ArrayAt("properties", "privateLinkServiceConnections"))
            .Select(connection => (
                Target: connection.StringAt("properties", "privateLinkServiceId")!,
                Group: connection.ArrayAt("properties", "groupIds").Single().GetString()!))
            .ToList();

        Assert.All(DataServices, service => Assert.All(infra.Prod.OfType(service.Type), resource =>
            Assert.All(service.GroupIds, group => Assert.Contains((resource.StringAt("id")!, group), targets))));
        var runtimeStorage = infra.Prod.OfType("Microsoft.Storage/storageAccounts")
            .Select(account => account.StringAt("id")!)
            .Single(id => targets.Contains((id, "queue")));
        Assert.Contains((runtimeStorage, "table"), targets);

        var zoneGroups = infra.Prod.OfType("Microsoft.Network/privateEndpoints/privateDnsZoneGroups").ToList();
        Assert.Equal(endpoints.Count, zoneGroups.Count);
        Assert.Equal(
            infra.Prod.OfType("Microsoft.Network/privateDnsZones").Count(),
            infra.Prod.OfType("Microsoft.Network/privateDnsZones/virtualNetworkLinks").Count());
    }

    [Fact]
    public void FunctionAppJoinsADelegatedSubnetWhenPrivateEndpointsAreEnabled()
    {
        var vnet = infra.Prod.Only("Microsoft.Network/virtualNetworks");
        var delegated = vnet.ArrayAt("properties", "subnets").Where(subnet =>
            subnet.ArrayAt("properties", "delegations").Any(delegation =>
                delegation.StringAt("properties", "serviceName") == "Microsoft.App/environments"));

        Assert.Single(delegated);
        Assert.Contains(
            $"'{vnet.StringAt("id")}'",
            infra.Prod.Only(AppIdentity.SiteType).StringAt("properties", "virtualNetworkSubnetId"),
            StringComparison.Ordinal);
    }

    [Fact]
    public void FunctionAppStaysPubliclyReachableAsTheApi() =>
        Assert.All(new[] { infra.Dev, infra.Prod }, snapshot =>
            Assert.Equal("Enabled", snapshot.Only(AppIdentity.SiteType).StringAt("properties", "publicNetworkAccess")));
}
