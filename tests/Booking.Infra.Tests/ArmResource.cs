namespace Booking.Infra.Tests;

/// <summary>A resource declared in a compiled template, with the chain of nested deployments it sits in.</summary>
public sealed record ArmResource(string Type, JsonElement Element, string DeploymentPath)
{
    /// <summary>A reference to a resource declared elsewhere (Bicep's <c>existing</c>), not a declaration.</summary>
    public bool IsExisting => Element.BoolAt("existing") == true;

    public JsonElement Properties => Element.At("properties") ?? default;
}
