namespace Booking.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed class StorageTests(CompiledInfra infra)
{
    private const string AccountType = "Microsoft.Storage/storageAccounts";
    private const string ContainerType = "Microsoft.Storage/storageAccounts/blobServices/containers";
    private const string PolicyType = "Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies";

    private JsonElement AccessLogContainer(DeploymentSnapshot snapshot) =>
        snapshot.Find(ContainerType, infra.AppSettings.AccessLogContainer)
        ?? throw new Xunit.Sdk.XunitException($"No blob container '{infra.AppSettings.AccessLogContainer}'.");

    private static string AccountId(string containerId) =>
        containerId[..containerId.IndexOf("/blobServices/", StringComparison.Ordinal)];

    [Fact]
    public void StorageAccountsRefuseSharedKeysAnonymousReadsAndOldTls()
    {
        var accounts = ArmTemplate.Declared(infra.Template, AccountType).ToList();

        Assert.Equal(2, accounts.Count);
        Assert.All(accounts, account =>
        {
            Assert.False(account.Properties.BoolAt("allowSharedKeyAccess"));
            Assert.False(account.Properties.BoolAt("allowBlobPublicAccess"));
            Assert.True(account.Properties.BoolAt("supportsHttpsTrafficOnly"));
            Assert.Equal("TLS1_2", account.Properties.StringAt("minimumTlsVersion"));
        });
    }

    [Fact]
    public void AccessLogContainerFromAppSettingsHasTimeBasedImmutabilityPolicy()
    {
        foreach (var (snapshot, days) in new[] { (infra.Dev, 1), (infra.Prod, 2190) })
        {
            var container = AccessLogContainer(snapshot);
            var policy = snapshot.Find(PolicyType, $"{infra.AppSettings.AccessLogContainer}/default");

            Assert.True(policy.HasValue, "The access-log container has no immutability policy.");
            Assert.Equal($"{container.StringAt("id")}/immutabilityPolicies/default", policy.Value.StringAt("id"));
            Assert.Equal(days, policy.Value.IntAt("properties", "immutabilityPeriodSinceCreationInDays"));
            Assert.True(policy.Value.BoolAt("properties", "allowProtectedAppendWritesAll"));
        }
    }

    [Fact]
    public void AccessLogEntriesAreDeletedTheDayAfterTheirImmutabilityEnds()
    {
        foreach (var (snapshot, days) in new[] { (infra.Dev, 1), (infra.Prod, 2190) })
        {
            var policy = snapshot.Only("Microsoft.Storage/storageAccounts/managementPolicies");
            var rule = Assert.Single(policy.GetProperty("properties").GetProperty("policy").GetProperty("rules").EnumerateArray());
            var definition = rule.GetProperty("definition");

            Assert.StartsWith(AccountId(AccessLogContainer(snapshot).StringAt("id")!) + "/", policy.StringAt("id")!, StringComparison.Ordinal);
            Assert.Equal(["appendBlob"], definition.GetProperty("filters").GetProperty("blobTypes").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal([infra.AppSettings.AccessLogContainer + "/"], definition.GetProperty("filters").GetProperty("prefixMatch").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(days + 1, definition.GetProperty("actions").GetProperty("baseBlob").GetProperty("delete").GetProperty("daysAfterModificationGreaterThan").GetInt32());
        }
    }

    [Fact]
    public void AccessLogLivesInItsOwnAccountApartFromFunctionsRuntimeStorage()
    {
        var accessLogAccount = AccountId(AccessLogContainer(infra.Dev).StringAt("id")!);
        var runtimeAccount = AccountId(AppIdentity.DeploymentContainer(infra.Dev)!.Value.StringAt("id")!);

        Assert.NotEqual(accessLogAccount, runtimeAccount);
    }

    [Fact]
    public void AppIdentityMayWriteOnlyTheAccessLogContainerOfItsAccount()
    {
        var containerId = AccessLogContainer(infra.Dev).StringAt("id")!;
        var accountId = AccountId(containerId);

        Assert.Single(AppIdentity.RoleAssignmentsOn(infra.Dev, Roles.StorageBlobDataContributor, containerId));
        Assert.DoesNotContain(infra.Dev.OfType(AppIdentity.RoleAssignmentType), assignment =>
            string.Equals(AppIdentity.Scope(assignment), accountId, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void AppIdentityOwnsRuntimeStorageBlobs()
    {
        var runtimeAccount = infra.Dev.OfType(AccountType)
            .Single(account => !AccessLogContainer(infra.Dev).StringAt("id")!.StartsWith(account.StringAt("id")! + "/", StringComparison.Ordinal));

        Assert.Single(AppIdentity.RoleAssignmentsOn(infra.Dev, Roles.StorageBlobDataOwner, runtimeAccount.StringAt("id")!));
    }
}
