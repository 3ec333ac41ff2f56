using System.Text.RegularExpressions;

namespace Booking.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed partial class SecretExposureTests(CompiledInfra infra)
{
    // listKeys, listConnectionStrings, listSecrets, listAccountSas, ... : every ARM function that returns a credential.
    [GeneratedRegex(@"\blist[A-Za-z]*\s*\(", RegexOptions.IgnoreCase)]
    private static partial Regex ListFunction();

    [GeneratedRegex("^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$")]
    private static partial Regex UpperSnake();

    // An output says where or what something is: never a value that grants access.
    [GeneratedRegex("_(NAME|URI|ENDPOINT|ID|NAMESPACE|LOCATION|GROUP)$")]
    private static partial Regex NameOrAddress();

    private static readonly string[] SecretLikeValues = ["ConnectionString", "InstrumentationKey", "primaryKey", "secondaryKey", "AccountKey"];

    [Fact]
    public void CompiledTemplateNeverCallsListKeysOrListConnectionStrings()
    {
        var match = ListFunction().Match(infra.TemplateText);
        Assert.False(match.Success, $"Found '{match.Value}' in the compiled template.");
    }

    [Fact]
    public void OutputsAreUpperSnakeCaseAndNeverSecrets()
    {
        var outputs = infra.Template.At("outputs")!.Value.EnumerateObject().ToList();

        Assert.NotEmpty(outputs);
        Assert.All(outputs, output =>
        {
            Assert.Matches(UpperSnake(), output.Name);
            Assert.DoesNotContain("secure", output.Value.StringAt("type") ?? string.Empty, StringComparison.OrdinalIgnoreCase);
            Assert.Matches(NameOrAddress(), output.Name);
            var value = output.Value.StringAt("value") ?? string.Empty;
            Assert.DoesNotContain(SecretLikeValues, marker => value.Contains(marker, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotMatch(ListFunction(), value);
        });
    }

    [Fact]
    public void NoModuleOutputsASecureValue()
    {
        var secureOutputs = ArmTemplate.Resources(infra.Template)
            .Where(resource => resource.Type == ArmTemplate.DeploymentType)
            .SelectMany(module => module.Element.At("properties", "template", "outputs") is { ValueKind: JsonValueKind.Object } outputs
                ? outputs.EnumerateObject()
                : Enumerable.Empty<JsonProperty>())
            .Where(output => (output.Value.StringAt("type") ?? string.Empty).StartsWith("secure", StringComparison.OrdinalIgnoreCase))
            .Select(output => output.Name);

        Assert.Empty(secureOutputs);
    }

    [Fact]
    public void AzdOutputsNameTheEndpointsOperatorsNeed()
    {
        var names = infra.Template.At("outputs")!.Value.EnumerateObject().Select(output => output.Name).ToHashSet();

        Assert.Subset(names, new HashSet<string>
        {
            "AZURE_LOCATION", "AZURE_RESOURCE_GROUP", "SERVICE_API_NAME", "SERVICE_API_URI", "COSMOS_ENDPOINT",
            "SERVICE_BUS_FULLY_QUALIFIED_NAMESPACE", "KEY_VAULT_URI", "BLIND_INDEX_SECRET_NAME", "ACCESS_LOG_BLOB_ENDPOINT",
        });
    }
}
