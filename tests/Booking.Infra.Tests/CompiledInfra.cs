namespace Booking.Infra.Tests;

/// <summary>
/// Compiles, lints and snapshots the Bicep once for all tests. It works on a copy of infra/ (plus the app's
/// appsettings.json, which main.bicep loads) in a temporary folder (<see cref="InfraWorkspace"/>), so nothing is
/// written into the repository.
/// </summary>
public sealed class CompiledInfra : IAsyncLifetime
{
    public const string SubscriptionId = InfraWorkspace.SubscriptionId;
    public const string TenantId = InfraWorkspace.TenantId;
    public const string Location = InfraWorkspace.Location;

    /// <summary>A parameter file the tests add to check the partner-results filter with real partner ids.</summary>
    public const string PartnersParameterFile = "test.partners.bicepparam";

    public static readonly IReadOnlyList<string> PartnerIds = ["partner-a", "o'brien"];

    /// <summary>The browser apps' origins the same parameter file allows across origins.</summary>
    public static readonly IReadOnlyList<string> CorsAllowedOrigins = ["https://app.example.test", "http://localhost:5173"];

    /// <summary>The manage-link template the same parameter file gives instead of the web app's manage page.</summary>
    public const string ManageLinkTemplate = "https://booking.example.org/manage/{token}";

    /// <summary>The operators' address the tests hand the parameter files (BOOKING_ALERT_EMAIL), as azd would.</summary>
    public const string AlertEmail = "booking-ops@example.test";

    private static readonly Dictionary<string, string> OperatorEnvironment = new() { ["BOOKING_ALERT_EMAIL"] = AlertEmail };

    private readonly InfraWorkspace infraWorkspace = InfraWorkspace.Create("booking-infra-tests");

    public ProcessResult Build { get; private set; } = null!;
    public ProcessResult Lint { get; private set; } = null!;
    public IReadOnlyList<ProcessResult> ParameterBuilds { get; private set; } = [];
    public IReadOnlyList<ProcessResult> SnapshotRuns { get; private set; } = [];

    /// <summary>main.prod.bicepparam built without BOOKING_ALERT_EMAIL: production must refuse to go unwatched.</summary>
    public ProcessResult ProdParametersWithoutAlertEmail { get; private set; } = null!;

    /// <summary>The compiled ARM JSON of main.bicep.</summary>
    public JsonElement Template { get; private set; }
    public string TemplateText { get; private set; } = string.Empty;

    public DeploymentSnapshot Dev { get; private set; } = null!;
    public DeploymentSnapshot Prod { get; private set; } = null!;
    public DeploymentSnapshot WithPartners { get; private set; } = null!;

    public AppConfiguration AppSettings { get; } = AppConfiguration.Load(RepositoryPaths.AppSettings);

    /// <summary>The .bicepparam files that ship in infra/.</summary>
    public IReadOnlyList<string> ShippedParameterFiles { get; } =
        Directory.GetFiles(RepositoryPaths.Infra, "*.bicepparam").Select(Path.GetFileName).OfType<string>().Order().ToList();

    public async Task InitializeAsync()
    {
        WritePartnersParameterFile();
        var workspace = infraWorkspace.Root;
        var output = Path.Combine(workspace, "out");
        Directory.CreateDirectory(output);

        var build = BicepCli.RunAsync(workspace, "build", "infra/main.bicep", "--outfile", Path.Combine(output, "main.json"));
        var lint = BicepCli.RunAsync(workspace, "lint", "--pattern", "infra/**/*.bicep");
        var parameterBuilds = ShippedParameterFiles
            .Select(file => BicepCli.RunAsync(
                workspace, OperatorEnvironment, "build-params", $"infra/{file}", "--outfile", Path.Combine(output, $"{file}.json")))
            .ToList();
        var prodWithoutAlertEmail = BicepCli.RunAsync(
            workspace, "build-params", "infra/main.prod.bicepparam", "--outfile", Path.Combine(output, "prod-without-alert-email.json"));
        var snapshots = new[] { "main.dev.bicepparam", "main.prod.bicepparam", PartnersParameterFile }
            .Select(file => infraWorkspace.SnapshotAsync(file, OperatorEnvironment))
            .ToList();

        Build = await build;
        Lint = await lint;
        ParameterBuilds = await Task.WhenAll(parameterBuilds);
        SnapshotRuns = await Task.WhenAll(snapshots);
        ProdParametersWithoutAlertEmail = await prodWithoutAlertEmail;

        if (Build.ExitCode != 0)
        {
            throw new InvalidOperationException(Build.ToString());
        }

        TemplateText = await File.ReadAllTextAsync(Path.Combine(output, "main.json"));
        Template = JsonDocument.Parse(TemplateText).RootElement;
        Dev = await LoadSnapshotAsync("main.dev");
        Prod = await LoadSnapshotAsync("main.prod");
        WithPartners = await LoadSnapshotAsync(Path.GetFileNameWithoutExtension(PartnersParameterFile));
    }

    public Task DisposeAsync()
    {
        infraWorkspace.Dispose();
        return Task.CompletedTask;
    }

    private Task<DeploymentSnapshot> LoadSnapshotAsync(string parameterFileStem) =>
        infraWorkspace.LoadSnapshotAsync(parameterFileStem, SnapshotRuns);

    private void WritePartnersParameterFile()
    {
        var quoted = string.Join(", ", PartnerIds.Select(id => $"'{id.Replace("'", "\\'", StringComparison.Ordinal)}'"));
        infraWorkspace.WriteParameterFile(
            PartnersParameterFile,
            $"""
            using 'main.bicep'

            param environmentName = 'booking-test'
            param location = '{Location}'
            param partnerResultsPartnerIds = [{quoted}]
            param partnerRequestTimeToLive = 'PT20M'
            param corsAllowedOrigins = [{string.Join(", ", CorsAllowedOrigins.Select(origin => $"'{origin}'"))}]
            param manageLinkTemplate = '{ManageLinkTemplate}'

            """);
    }
}
