using System.Text.Json;

namespace Booking.Tests.Shared.Infra;

/// <summary>
/// The output of <c>bicep snapshot</c>: every resource a .bicepparam file would deploy, nested deployments expanded
/// and every value that can be known before deployment resolved (names, literals, parameters). Values only Azure
/// knows (a new identity's principal id, an endpoint) stay as ARM expressions.
/// </summary>
public sealed class DeploymentSnapshot(JsonDocument document)
{
    public JsonElement Root => document.RootElement;

    public IReadOnlyList<JsonElement> Resources { get; } = document.RootElement.ArrayAt("predictedResources").ToList();

    public IEnumerable<JsonElement> Diagnostics => Root.ArrayAt("diagnostics");

    public IEnumerable<JsonElement> OfType(string type) =>
        Resources.Where(resource => string.Equals(resource.StringAt("type"), type, StringComparison.OrdinalIgnoreCase));

    /// <summary>The resource of this type whose full name is <paramref name="name"/> or ends with "/name".</summary>
    public JsonElement? Find(string type, string name) =>
        OfType(type)
            .Where(resource => resource.StringAt("name") is { } full && (full == name || full.EndsWith($"/{name}", StringComparison.Ordinal)))
            .Select(resource => (JsonElement?)resource)
            .SingleOrDefault();

    public JsonElement Only(string type) => OfType(type).Single();
}
