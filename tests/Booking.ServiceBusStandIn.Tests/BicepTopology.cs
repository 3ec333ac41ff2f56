using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using System.Xml;
using Booking.Tests.Shared;

namespace Booking.ServiceBusStandIn.Tests;

/// <summary>
/// The Service Bus resources infra/main.bicep deploys with main.dev.bicepparam, from <c>bicep snapshot</c> (every
/// module expanded, every value known before deployment resolved). Runs the Bicep CLI from the NuGet cache
/// (package Azure.Bicep.CommandLine.linux-x64, downloaded by this project's restore) on a copy of infra/.
/// </summary>
public sealed class BicepTopology : IAsyncLifetime
{
    public const string QueueType = "Microsoft.ServiceBus/namespaces/queues";
    public const string TopicType = "Microsoft.ServiceBus/namespaces/topics";
    public const string SubscriptionType = "Microsoft.ServiceBus/namespaces/topics/subscriptions";
    public const string RuleType = "Microsoft.ServiceBus/namespaces/topics/subscriptions/rules";
    private const string BicepVersion = "0.49.2";

    private readonly string workspace = Path.Combine(Path.GetTempPath(), $"servicebus-standin-bicep-{Guid.NewGuid():N}");

    /// <summary>Partner ids the second snapshot (test.partners.bicepparam) passes to partnerResultsPartnerIds.</summary>
    public static readonly IReadOnlyList<string> PartnerIds = ["partner-a", "o'brien"];

    public IReadOnlyList<JsonElement> Resources { get; private set; } = [];

    /// <summary>The resources deployed with partner ids given (the partner-results filter becomes an IN list).</summary>
    public IReadOnlyList<JsonElement> ResourcesWithPartners { get; private set; } = [];

    public IEnumerable<JsonElement> OfType(string type) =>
        Resources.Where(resource => string.Equals(resource.GetProperty("type").GetString(), type, StringComparison.OrdinalIgnoreCase));

    /// <summary>The resource name without the namespace: "queue", "topic/subscription", "topic/subscription/rule".</summary>
    public static string LocalName(JsonElement resource) => resource.GetProperty("name").GetString()!.Split('/', 2)[1];

    public static JsonElement? Property(JsonElement resource, string name) =>
        resource.TryGetProperty("properties", out var properties) && properties.TryGetProperty(name, out var value) ? value : null;

    public static TimeSpan? Duration(JsonElement resource, string name) =>
        Property(resource, name) is { ValueKind: JsonValueKind.String } value ? XmlConvert.ToTimeSpan(value.GetString()!) : null;

    public async Task InitializeAsync()
    {
        var root = TestPaths.RepositoryRoot;
        Copy(Path.Combine(root, "infra"), Path.Combine(workspace, "infra"));
        var appSettings = Path.Combine(workspace, "src", "Booking.Functions", "appsettings.json");
        Directory.CreateDirectory(Path.GetDirectoryName(appSettings)!);
        File.Copy(Path.Combine(root, "src", "Booking.Functions", "appsettings.json"), appSettings);

        var quoted = string.Join(", ", PartnerIds.Select(id => $"'{id.Replace("'", "\\'", StringComparison.Ordinal)}'"));
        await File.WriteAllTextAsync(
            Path.Combine(workspace, "infra", "test.partners.bicepparam"),
            $"using 'main.bicep'\n\nparam environmentName = 'booking-test'\nparam location = 'francecentral'\nparam partnerResultsPartnerIds = [{quoted}]\n");

        var snapshots = await Task.WhenAll(SnapshotAsync("main.dev"), SnapshotAsync("test.partners"));
        Resources = snapshots[0];
        ResourcesWithPartners = snapshots[1];
    }

    private async Task<IReadOnlyList<JsonElement>> SnapshotAsync(string parameterFileStem)
    {
        var output = await RunBicepAsync(
            "snapshot", $"infra/{parameterFileStem}.bicepparam", "--mode", "overwrite",
            "--subscription-id", "00000000-0000-0000-0000-00000000c0de", "--tenant-id", "00000000-0000-0000-0000-00000000face",
            "--location", "francecentral", "--deployment-name", "booking");
        var snapshot = Path.Combine(workspace, "infra", $"{parameterFileStem}.snapshot.json");
        if (!File.Exists(snapshot))
        {
            throw new InvalidOperationException($"bicep snapshot of {parameterFileStem} wrote nothing:{Environment.NewLine}{output}");
        }

        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(snapshot));
        return document.RootElement.GetProperty("predictedResources").EnumerateArray().Select(resource => resource.Clone()).ToList();
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(workspace))
        {
            Directory.Delete(workspace, recursive: true);
        }

        return Task.CompletedTask;
    }

    private async Task<string> RunBicepAsync(params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(BicepPath())
        {
            WorkingDirectory = workspace,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // The .bicepparam files read these; a developer's azd session must not change what the test sees.
        foreach (var variable in new[] { "AZURE_ENV_NAME", "AZURE_LOCATION", "BOOKING_ENABLE_PRIVATE_ENDPOINTS", "BOOKING_AUTH_AUDIENCE" })
        {
            startInfo.Environment.Remove(variable);
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start the Bicep CLI.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var standardOutput = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var standardError = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return await standardOutput + await standardError;
    }

    private static string BicepPath()
    {
        var roots = new[]
        {
            typeof(BicepTopology).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "NuGetPackageRoot")?.Value,
            Environment.GetEnvironmentVariable("NUGET_PACKAGES"),
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
        };
        var path = roots
            .Where(root => !string.IsNullOrEmpty(root))
            .Select(root => Path.Combine(root!, "azure.bicep.commandline.linux-x64", BicepVersion, "tools", "bicep"))
            .FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"The Bicep CLI {BicepVersion} is not in the NuGet cache: restore this project first.");
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The Bicep CLI package used here is the linux-x64 build.");
        }

        var mode = File.GetUnixFileMode(path);
        if (!mode.HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute);
        }

        return path;
    }

    private static void Copy(string source, string destination)
    {
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            if (file.EndsWith(".snapshot.json", StringComparison.Ordinal))
            {
                continue;
            }

            var target = Path.Combine(destination, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
