namespace Booking.Infra.Tests;

public sealed class AzureYamlTests
{
    private static readonly string Yaml = File.ReadAllText(RepositoryPaths.AzureYaml);

    [Fact]
    public void AzureYamlDeploysTheFunctionsProjectAsServiceApi()
    {
        Assert.Contains("\n  api:\n", Yaml.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("project: ./src/Booking.Functions", Yaml, StringComparison.Ordinal);
        Assert.Contains("language: dotnet", Yaml, StringComparison.Ordinal);
        Assert.Contains("host: function", Yaml, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, "src", "Booking.Functions", "Booking.Functions.csproj")));
    }

    [Fact]
    public void AzureYamlProvisionsMainBicep()
    {
        Assert.Contains("provider: bicep", Yaml, StringComparison.Ordinal);
        Assert.Contains("path: infra", Yaml, StringComparison.Ordinal);
        Assert.Contains("module: main", Yaml, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Infra, "main.bicepparam")));
    }

    [Fact]
    public void AzureYamlRefusesToPackageWithoutTheServiceBusHostExtension()
    {
        Assert.Contains("prepackage:", Yaml, StringComparison.Ordinal);
        Assert.Contains("\"${EnableServiceBusHostExtension:-}\" != \"true\"", Yaml, StringComparison.Ordinal);
        Assert.Contains("$env:EnableServiceBusHostExtension -ne 'true'", Yaml, StringComparison.Ordinal);
    }
}
