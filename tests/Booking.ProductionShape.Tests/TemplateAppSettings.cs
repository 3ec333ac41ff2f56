using Booking.Tests.Shared.Infra;

namespace Booking.ProductionShape.Tests;

/// <summary>
/// The function app's <c>siteConfig.appSettings</c> as <c>bicep snapshot</c> predicts them for the test's parameter
/// file: literal values resolved, values only Azure knows left as ARM expressions (<see cref="AzureOnlyValues"/>),
/// Key Vault references as the platform receives them. With the snapshot, for the resources Bicep creates in Azure
/// (the Cosmos database and containers, the access-log container) that the app expects to exist.
/// </summary>
public sealed class TemplateAppSettings
{
    private TemplateAppSettings(DeploymentSnapshot snapshot, IReadOnlyDictionary<string, string> settings)
    {
        Snapshot = snapshot;
        Settings = settings;
    }

    public DeploymentSnapshot Snapshot { get; }

    /// <summary>App setting name (<c>Section__Key</c>) to its value in the snapshot.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    public static async Task<TemplateAppSettings> CompileAsync(ProductionParameters parameters)
    {
        using var workspace = InfraWorkspace.Create("booking-production-shape");
        workspace.WriteParameterFile(ProductionParameters.FileName, parameters.ToBicepParam());
        var run = await workspace.SnapshotAsync(ProductionParameters.FileName);
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException(run.ToString());
        }

        var snapshot = await workspace.LoadSnapshotAsync(Path.GetFileNameWithoutExtension(ProductionParameters.FileName), [run]);
        var site = snapshot.OfType("Microsoft.Web/sites").Single(s => s.StringAt("kind")?.Contains("functionapp", StringComparison.OrdinalIgnoreCase) == true);
        var settings = site.ArrayAt("properties", "siteConfig", "appSettings")
            .ToDictionary(s => s.StringAt("name")!, s => s.StringAt("value") ?? string.Empty, StringComparer.OrdinalIgnoreCase);
        return new TemplateAppSettings(snapshot, settings);
    }

    /// <summary>The settings as configuration keys (<c>Section:Key</c>), as the app reads them from environment variables.</summary>
    public IReadOnlyDictionary<string, string> AsConfigurationKeys() =>
        Settings.ToDictionary(s => s.Key.Replace("__", ":", StringComparison.Ordinal), s => s.Value, StringComparer.OrdinalIgnoreCase);

    public string CosmosDatabaseName =>
        Snapshot.OfType("Microsoft.DocumentDB/databaseAccounts/sqlDatabases").Single().StringAt("properties", "resource", "id")!;

    /// <summary>Each Cosmos container Bicep declares: id, partition key path, default TTL (null: off).</summary>
    public IReadOnlyList<(string Id, string PartitionKeyPath, int? DefaultTtl)> CosmosContainers =>
        Snapshot.OfType("Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers")
            .Select(c => (
                c.StringAt("properties", "resource", "id")!,
                c.ArrayAt("properties", "resource", "partitionKey", "paths").Single().GetString()!,
                c.IntAt("properties", "resource", "defaultTtl")))
            .ToList();

    /// <summary>The blob containers Bicep declares in the storage account named <paramref name="accountName"/>.</summary>
    public IReadOnlyList<string> BlobContainers(string accountName) =>
        Snapshot.OfType("Microsoft.Storage/storageAccounts/blobServices/containers")
            .Select(c => c.StringAt("name")!)
            .Where(name => name.StartsWith(accountName + "/", StringComparison.Ordinal))
            .Select(name => name.Split('/')[^1])
            .ToList();
}
