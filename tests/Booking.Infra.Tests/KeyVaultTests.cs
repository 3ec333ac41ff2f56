namespace Booking.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed class KeyVaultTests(CompiledInfra infra)
{
    private const string VaultType = "Microsoft.KeyVault/vaults";
    private const string ScriptType = "Microsoft.Resources/deploymentScripts";

    [Fact]
    public void KeyVaultUsesRbacAuthorizationWithSoftDeleteAndPurgeProtection()
    {
        var vault = Assert.Single(ArmTemplate.Declared(infra.Template, VaultType));

        Assert.True(vault.Properties.BoolAt("enableRbacAuthorization"));
        Assert.True(vault.Properties.BoolAt("enableSoftDelete"));
        Assert.True(vault.Properties.BoolAt("enablePurgeProtection"));
        Assert.Equal(7, infra.Dev.Only(VaultType).IntAt("properties", "softDeleteRetentionInDays"));
        Assert.Equal(90, infra.Prod.Only(VaultType).IntAt("properties", "softDeleteRetentionInDays"));
    }

    [Fact]
    public void AppIdentityIsKeyVaultSecretsOfficerOnTheVaultToCreateAndRetireKekEpochs()
    {
        var vault = infra.Dev.Only(VaultType).StringAt("id")!;

        Assert.Single(AppIdentity.RoleAssignmentsOn(infra.Dev, Roles.KeyVaultSecretsOfficer, vault));
        Assert.Empty(AppIdentity.RoleAssignmentsOn(infra.Dev, Roles.KeyVaultSecretsUser, vault)); // Officer holds every right User has
    }

    [Fact]
    public void KeySecretsAreNeverTemplateResources()
    {
        Assert.DoesNotContain(ArmTemplate.Resources(infra.Template), resource =>
            resource.Type.StartsWith("Microsoft.KeyVault/vaults/", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(infra.Dev.OfType("Microsoft.KeyVault/vaults/secrets"));
    }

    [Fact]
    public void KeysAreGeneratedByDeploymentScriptFrom32RandomBytes()
    {
        var script = infra.Dev.Only(ScriptType);
        var content = script.StringAt("properties", "scriptContent")!;

        Assert.Equal("AzureCLI", script.StringAt("kind"));
        Assert.Contains("openssl rand -base64 32", content, StringComparison.Ordinal);
        // Script outputs land in the deployment history: a key must never be one.
        Assert.DoesNotContain("AZ_SCRIPTS_OUTPUT_PATH", content, StringComparison.Ordinal);
        Assert.Null(script.At("properties", "arguments"));
    }

    [Fact]
    public void KeyScriptIdentityMayOnlyReadAndWriteSecretsThroughResourceManagerOnTheVault()
    {
        var script = infra.Dev.Only(ScriptType);
        var scriptIdentity = script.At("identity", "userAssignedIdentities")!.Value.EnumerateObject().Single().Name;
        var role = infra.Dev.Only("Microsoft.Authorization/roleDefinitions");
        var assignment = Assert.Single(infra.Dev.OfType(AppIdentity.RoleAssignmentType), candidate =>
            candidate.StringAt("properties", "roleDefinitionId") == role.StringAt("id"));

        Assert.NotEqual(AppIdentity.ResourceId(infra.Dev), scriptIdentity);
        Assert.Equal(
            ["Microsoft.KeyVault/vaults/secrets/read", "Microsoft.KeyVault/vaults/secrets/write"],
            role.ArrayAt("properties", "permissions").SelectMany(permission => permission.ArrayAt("actions")).Select(action => action.GetString()).Order());
        Assert.Empty(role.ArrayAt("properties", "permissions").SelectMany(permission => permission.ArrayAt("dataActions")));
        Assert.Equal(infra.Dev.Only(VaultType).StringAt("id"), AppIdentity.Scope(assignment));
        Assert.Contains($"'{scriptIdentity}'", assignment.StringAt("properties", "principalId"), StringComparison.Ordinal);
    }
}
