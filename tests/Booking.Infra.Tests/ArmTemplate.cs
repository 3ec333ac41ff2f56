namespace Booking.Infra.Tests;

/// <summary>Walks a compiled ARM template, descending into the nested deployments that Bicep modules become.</summary>
public static class ArmTemplate
{
    public const string DeploymentType = "Microsoft.Resources/deployments";

    public static IEnumerable<ArmResource> Resources(JsonElement template, string deploymentPath = "main")
    {
        if (template.At("resources") is not { } resources)
        {
            yield break;
        }

        // Templates with symbolic names (languageVersion 2.0) hold an object of resources, others an array.
        var declared = resources.ValueKind == JsonValueKind.Array
            ? resources.EnumerateArray().ToList()
            : resources.EnumerateObject().Select(property => property.Value).ToList();

        foreach (var resource in declared)
        {
            var type = resource.StringAt("type") ?? string.Empty;
            yield return new ArmResource(type, resource, deploymentPath);

            if (type == DeploymentType && resource.At("properties", "template") is { } nested)
            {
                var name = resource.StringAt("name") ?? "?";
                foreach (var inner in Resources(nested, $"{deploymentPath}/{name}"))
                {
                    yield return inner;
                }
            }
        }
    }

    public static IEnumerable<ArmResource> Declared(JsonElement template, string type) =>
        Resources(template).Where(resource => resource.Type.Equals(type, StringComparison.OrdinalIgnoreCase) && !resource.IsExisting);

    /// <summary>The module deployment whose parameters feed a given nested template, found by its name expression.</summary>
    public static ArmResource Module(JsonElement template, string moduleName) =>
        Resources(template).Single(resource =>
            resource.Type == DeploymentType
            && (resource.Element.StringAt("name") ?? string.Empty).Contains($"'{moduleName}-", StringComparison.Ordinal));
}
