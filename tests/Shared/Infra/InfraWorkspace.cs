using System.Text.Json;

namespace Booking.Tests.Shared.Infra;

/// <summary>
/// A copy of infra/ (plus the app's appsettings.json, which main.bicep loads) in a temporary folder, so the Bicep CLI
/// writes nothing into the repository; parameter files a test writes go into its infra/ folder.
/// </summary>
public sealed class InfraWorkspace : IDisposable
{
    public const string SubscriptionId = "00000000-0000-0000-0000-00000000c0de";
    public const string TenantId = "00000000-0000-0000-0000-00000000face";
    public const string Location = "francecentral";
    public const string DeploymentName = "booking";

    private InfraWorkspace(string root) => Root = root;

    /// <summary>The workspace folder: <c>infra/</c> and <c>src/Booking.Functions/appsettings.json</c> under it.</summary>
    public string Root { get; }

    public string Infra => Path.Combine(Root, "infra");

    public static InfraWorkspace Create(string prefix)
    {
        var workspace = new InfraWorkspace(Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}"));
        var infra = workspace.Infra;
        Directory.CreateDirectory(infra);
        foreach (var file in Directory.GetFiles(RepositoryPaths.Infra).Where(IsInfraSource))
        {
            File.Copy(file, Path.Combine(infra, Path.GetFileName(file)));
        }

        CopyDirectory(Path.Combine(RepositoryPaths.Infra, "modules"), Path.Combine(infra, "modules"));
        CopyDirectory(Path.Combine(RepositoryPaths.Infra, "scripts"), Path.Combine(infra, "scripts"));

        var appSettings = Path.Combine(workspace.Root, "src", "Booking.Functions", "appsettings.json");
        Directory.CreateDirectory(Path.GetDirectoryName(appSettings)!);
        File.Copy(RepositoryPaths.AppSettings, appSettings);
        return workspace;
    }

    /// <summary>Writes <paramref name="fileName"/> (a .bicepparam) into the workspace's infra/ folder.</summary>
    public void WriteParameterFile(string fileName, string text) => File.WriteAllText(Path.Combine(Infra, fileName), text);

    /// <summary>Runs <c>bicep snapshot</c> on infra/<paramref name="parameterFile"/> for the fixed subscription, tenant and location.</summary>
    public Task<ProcessResult> SnapshotAsync(string parameterFile, IReadOnlyDictionary<string, string>? environment = null) =>
        BicepCli.RunAsync(
            Root, environment ?? new Dictionary<string, string>(), "snapshot", $"infra/{parameterFile}", "--mode", "overwrite",
            "--subscription-id", SubscriptionId, "--tenant-id", TenantId,
            "--location", Location, "--deployment-name", DeploymentName);

    /// <summary>The snapshot <see cref="SnapshotAsync"/> wrote for infra/<paramref name="parameterFileStem"/>.bicepparam.</summary>
    public async Task<DeploymentSnapshot> LoadSnapshotAsync(string parameterFileStem, IEnumerable<ProcessResult> runs)
    {
        var path = Path.Combine(Infra, $"{parameterFileStem}.snapshot.json");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"No snapshot for {parameterFileStem}:{Environment.NewLine}{string.Join(Environment.NewLine, runs)}");
        }

        return new DeploymentSnapshot(JsonDocument.Parse(await File.ReadAllTextAsync(path)));
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }

    private static bool IsInfraSource(string path) =>
        Path.GetExtension(path) is ".bicep" or ".bicepparam" or ".json"
        && !path.EndsWith(".snapshot.json", StringComparison.Ordinal);

    private static void CopyDirectory(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
