namespace Booking.Infra.Tests;

/// <summary>Finds what the Function App's own identity is granted in a snapshot.</summary>
public static class AppIdentity
{
    public const string SiteType = "Microsoft.Web/sites";
    public const string RoleAssignmentType = "Microsoft.Authorization/roleAssignments";

    /// <summary>The resource id of the user-assigned identity the Function App runs as.</summary>
    public static string ResourceId(DeploymentSnapshot snapshot) =>
        snapshot.Only(SiteType).At("identity", "userAssignedIdentities") is { ValueKind: JsonValueKind.Object } identities
            ? identities.EnumerateObject().Single().Name
            : throw new InvalidOperationException("The Function App has no user-assigned identity.");

    /// <summary>
    /// The blob container the Function App deploys from. Its URL is "{blob endpoint}{container}", where the
    /// endpoint is only known in Azure, so the container is the one whose name ends that URL expression.
    /// </summary>
    public static JsonElement? DeploymentContainer(DeploymentSnapshot snapshot)
    {
        var url = snapshot.Only(SiteType).StringAt("properties", "functionAppConfig", "deployment", "storage", "value") ?? string.Empty;
        return snapshot.OfType("Microsoft.Storage/storageAccounts/blobServices/containers")
            .Where(container => container.StringAt("name")!.Split('/')[^1] is var name
                && (url.EndsWith($"/{name}", StringComparison.Ordinal) || url.EndsWith($"'{name}')]", StringComparison.Ordinal)))
            .Select(container => (JsonElement?)container)
            .SingleOrDefault();
    }

    /// <summary>Role assignments of a built-in role to the app's identity, each with its resource id (which holds its scope).</summary>
    public static IReadOnlyList<JsonElement> RoleAssignments(DeploymentSnapshot snapshot, string roleDefinitionId)
    {
        var principal = $"'{ResourceId(snapshot)}'";
        return snapshot.OfType(RoleAssignmentType)
            .Where(assignment =>
                assignment.StringAt("properties", "roleDefinitionId") is { } role
                && role.EndsWith($"/roleDefinitions/{roleDefinitionId}", StringComparison.OrdinalIgnoreCase)
                && assignment.StringAt("properties", "principalId") is { } principalId
                && principalId.Contains(principal, StringComparison.Ordinal))
            .ToList();
    }

    /// <summary>The app identity's assignments of a role on exactly the resource <paramref name="scopeResourceId"/>.</summary>
    public static IReadOnlyList<JsonElement> RoleAssignmentsOn(DeploymentSnapshot snapshot, string roleDefinitionId, string scopeResourceId) =>
        RoleAssignments(snapshot, roleDefinitionId)
            .Where(assignment => string.Equals(Scope(assignment), scopeResourceId, StringComparison.OrdinalIgnoreCase))
            .ToList();

    /// <summary>
    /// The resource a role assignment applies to. Its id is either resolved ("{scope}/providers/Microsoft.Authorization/...")
    /// or, when its name depends on a deploy-time value, "[extensionResourceId('{scope}', ...)]".
    /// </summary>
    public static string Scope(JsonElement assignment)
    {
        var id = assignment.StringAt("id") ?? string.Empty;
        const string Expression = "[extensionResourceId('";
        if (id.StartsWith(Expression, StringComparison.Ordinal))
        {
            var start = Expression.Length;
            return id[start..id.IndexOf('\'', start)];
        }

        var marker = id.IndexOf("/providers/Microsoft.Authorization/roleAssignments/", StringComparison.OrdinalIgnoreCase);
        return marker < 0 ? id : id[..marker];
    }
}
