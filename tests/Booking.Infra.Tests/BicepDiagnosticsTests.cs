using System.Text.RegularExpressions;

namespace Booking.Infra.Tests;

[Collection(InfraCollection.Name)]
public sealed class BicepDiagnosticsTests(CompiledInfra infra)
{
    [Fact]
    public void MainTemplateBuildsWithoutWarningsOrErrors() =>
        Assert.True(infra.Build.IsClean, infra.Build.ToString());

    [Fact]
    public void EveryBicepFileLintsWithoutWarningsOrErrors() =>
        Assert.True(infra.Lint.IsClean, infra.Lint.ToString());

    [Fact]
    public void EveryParameterFileBuildsWithoutWarningsOrErrors()
    {
        Assert.Subset(
            infra.ShippedParameterFiles.ToHashSet(),
            new HashSet<string> { "main.bicepparam", "main.dev.bicepparam", "main.prod.bicepparam" });
        Assert.Equal(infra.ShippedParameterFiles.Count, infra.ParameterBuilds.Count);
        Assert.All(infra.ParameterBuilds, run => Assert.True(run.IsClean, run.ToString()));
    }

    [Fact]
    public void SnapshotsResolveEveryResourceWithoutDiagnostics()
    {
        Assert.All(infra.SnapshotRuns, run => Assert.True(run.IsClean, run.ToString()));
        Assert.All(new[] { infra.Dev, infra.Prod, infra.WithPartners }, snapshot => Assert.Empty(snapshot.Diagnostics));
    }

    [Fact]
    public void TemplateDeploysAtSubscriptionScopeAndCreatesItsResourceGroup()
    {
        Assert.Contains("subscriptionDeploymentTemplate", infra.Template.StringAt("$schema"), StringComparison.Ordinal);
        Assert.Single(ArmTemplate.Declared(infra.Template, "Microsoft.Resources/resourceGroups"));
    }

    [Fact]
    public void ModulesCompileToNestedDeploymentsWithInlineTemplates()
    {
        var modules = ArmTemplate.Declared(infra.Template, ArmTemplate.DeploymentType).ToList();

        Assert.True(modules.Count >= 10, $"Expected a module per concern, found {modules.Count}.");
        Assert.All(modules, module => Assert.NotNull(module.Element.At("properties", "template", "resources")));
    }

    [Fact]
    public void ModulesAreLocalFilesNotRegistryReferences()
    {
        var registryModule = new Regex(@"^\s*module\s+\w+\s+'(br|ts)[:/]", RegexOptions.Multiline);
        var files = Directory.GetFiles(RepositoryPaths.Infra, "*.bicep", SearchOption.AllDirectories);

        Assert.NotEmpty(files);
        Assert.All(files, file => Assert.False(registryModule.IsMatch(File.ReadAllText(file)), file));
    }
}
