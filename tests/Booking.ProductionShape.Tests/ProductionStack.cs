using Azure.Messaging.ServiceBus;
using Azure.Storage.Blobs;
using Booking.DevHost;
using Booking.Infrastructure.Cosmos;
using Booking.ServiceBusStandIn.Configuration;
using Booking.ServiceBusStandIn.Security;
using Booking.StandIns;
using Booking.Tests.Shared;
using Booking.Tests.Shared.Infra;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using BusStandIn = Booking.ServiceBusStandIn.ServiceBusStandIn;
using BusStandInOptions = Booking.ServiceBusStandIn.ServiceBusStandInOptions;

namespace Booking.ProductionShape.Tests;

/// <summary>
/// The function app composed as Azure runs it: its app settings are the compiled Bicep's, the values only Azure knows
/// resolved to loopback stand-ins (<see cref="AzureOnlyValues"/>) and the Key Vault references resolved as the platform
/// does; they are set as this process's environment variables, with the platform's identity endpoint, and the local
/// host runs the app's own functions in the Production environment. One instance for the whole suite.
/// </summary>
public sealed class ProductionStack : IAsyncLifetime
{
    public const string ApiClientId = "6b1c2f9e-3a57-4d0e-9c1b-0a8e5f7d2c41";
    public const string SmtpUserName = "booking-relay";
    public const string SmtpFrom = "no-reply@booking.example";
    public const string AlertEmail = "booking-ops@example.test";
    public static readonly string ServiceBusAudience = "https://servicebus.azure.net";

    private readonly string _smtpPassword = Guid.NewGuid().ToString("N");
    private readonly string _smsAuthHeader = "Bearer " + Guid.NewGuid().ToString("N");
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("booking-production-shape-").FullName;
    private EnvironmentVariables? _environment;
    private EnvironmentVariables? _platform;
    private WebApplication? _app;

    /// <summary>A fresh client id per run: MSAL caches managed identity tokens process-wide by client id.</summary>
    public string IdentityClientId { get; } = Guid.NewGuid().ToString();

    public TestCertificateAuthority Ca { get; private set; } = null!;
    public ManagedIdentityEndpoint Identity { get; private set; } = null!;
    public EntraIdIssuer Entra { get; private set; } = null!;
    public KeyVaultSecretsStandIn Vault { get; private set; } = null!;
    public SmsProviderStandIn Sms { get; private set; } = null!;
    internal LoopbackSmtpServer Smtp { get; private set; } = null!;
    public AzuriteWithOAuth Azurite { get; private set; } = null!;
    public CosmosServerWithAad Cosmos { get; private set; } = null!;
    public BusStandIn Bus { get; private set; } = null!;
    public TemplateAppSettings Template { get; private set; } = null!;

    /// <summary>The ARM expressions <see cref="AzureOnlyValues"/> could not resolve ("name = expression").</summary>
    public IReadOnlyList<string> UnresolvedExpressions { get; private set; } = [];

    /// <summary>The app settings as the app received them (expressions and Key Vault references resolved).</summary>
    public IReadOnlyDictionary<string, string> AppSettings { get; private set; } = new Dictionary<string, string>();

    public ReadSettings ReadSettings { get; } = new();

    /// <summary>
    /// The environment variables this process had before the stack set any: the machine's, not app settings (the app
    /// reads them all when it scans its configuration for unresolved Key Vault references; Azure's workers have their own).
    /// </summary>
    /// (With the DOTNET_ and ASPNETCORE_ prefixes also stripped, as the host's prefixed environment sources read them.)
    public IReadOnlySet<string> AmbientEnvironment { get; } =
        Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .SelectMany(k => new[] { k, StripPrefix(k, "DOTNET_"), StripPrefix(k, "ASPNETCORE_") })
            .Select(k => k.Replace("__", ":", StringComparison.Ordinal))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static string StripPrefix(string name, string prefix) =>
        name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? name[prefix.Length..] : name;
    public CapturedLogs Logs { get; } = new();
    public ApiClient Api { get; private set; } = null!;
    public IServiceProvider Services => _app!.Services;

    /// <summary>The Service Bus namespace host name the template gives the app.</summary>
    public string ServiceBusNamespace => AppSettings["ServiceBus__FullyQualifiedNamespace"];

    /// <summary>The test's own Service Bus client, on a token minted in-process (not through the identity endpoint).</summary>
    public ServiceBusClient TestBusClient { get; private set; } = null!;

    /// <summary>The test's own Cosmos client, to arrange the database and read what the app stored.</summary>
    public CosmosClient TestCosmosClient { get; private set; } = null!;

    public BlobContainerClient AccessLogContainer { get; private set; } = null!;

    /// <summary>The operators' subscription of operator-alerts, read as the operators' tooling would.</summary>
    public SubscriptionReader OperatorAlerts { get; private set; } = null!;

    /// <summary>The partners' subscription of partner-booking-results.</summary>
    public SubscriptionReader PartnerResults { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Ca = TestCertificateAuthority.Create();
        Identity = await ManagedIdentityEndpoint.StartAsync(IdentityClientId, tenantId: InfraWorkspace.TenantId);
        var azurite = AzuriteWithOAuth.StartAsync(Ca);
        var cosmos = CosmosServerWithAad.StartAsync(Ca, Identity);
        Entra = await EntraIdIssuer.StartAsync(Ca, InfraWorkspace.TenantId);
        Vault = await KeyVaultSecretsStandIn.StartAsync(Ca, Identity);
        Sms = await SmsProviderStandIn.StartAsync(Ca, _smsAuthHeader);
        Smtp = new LoopbackSmtpServer(certificate: Ca.Leaf, credentials: (SmtpUserName, _smtpPassword));
        var parameters = new ProductionParameters(ApiClientId, Smtp.Port, SmtpUserName, SmtpFrom, Sms.Endpoint, AlertEmail);
        var template = TemplateAppSettings.CompileAsync(parameters);
        Bus = await BusStandIn.StartAsync(new BusStandInOptions
        {
            Entities = EmulatorConfig.Load(Path.Combine(RepositoryPaths.Root, "infra", "local", "servicebus-config.json")),
            Certificate = Ca.Leaf,
            ValidateJwt = ValidateServiceBusToken,
        });
        Azurite = await azurite;
        Cosmos = await cosmos;
        Template = await template;

        PutSecretsInTheVault();
        var accessLogAccount = Template.Snapshot.OfType("Microsoft.Storage/storageAccounts")
            .Select(a => a.StringAt("name")!)
            .Single(account => Template.BlobContainers(account).Contains(ShippedAppSettings.Values["AccessLog:Container"]!));
        var azureOnly = new AzureOnlyValues(new AzureOnlyValues.StandIns(
            IdentityClientId, Cosmos.Endpoint, Vault.VaultUri, Azurite.BlobEndpoint, Azurite.QueueEndpoint, Azurite.TableEndpoint,
            accessLogAccount, Entra.BaseAddress, Entra.IssuerV1,
            // Nothing listens on port 9 (discard) of this machine: were telemetry wired, its exports would fail at once
            // and be dropped. The local host registers no Application Insights exporter (only Booking.Functions'
            // Program.cs does, for the Functions host), so nothing here waits on it.
            "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://127.0.0.1:9/;LiveEndpoint=https://127.0.0.1:9/"));
        var withStandIns = azureOnly.Resolve(Template.Settings, out var unresolved);
        UnresolvedExpressions = unresolved;
        AppSettings = Vault.ResolveReferences(withStandIns);

        await CreateWhatBicepCreatesAsync(accessLogAccount);
        TestBusClient = new ServiceBusClient(
            ServiceBusNamespace, new StaticTokenCredential(Identity.IssueToken(ServiceBusAudience)),
            new ServiceBusClientOptions { CustomEndpointAddress = new Uri($"sb://127.0.0.1:{Bus.Port}") });

        OperatorAlerts = new SubscriptionReader(TestBusClient.CreateReceiver(Setting("ServiceBus:OperatorAlertsTopic"), "operators"));
        PartnerResults = new SubscriptionReader(TestBusClient.CreateReceiver(Setting("ServiceBus:PartnerBookingResultsTopic"), "partner-results"));

        var environment = AppSettings.ToDictionary(s => s.Key, s => (string?)s.Value);
        foreach (var (name, value, _) in HarnessSettings.Additions(Bus.Port))
        {
            environment[name] = value;
        }

        _environment = EnvironmentVariables.Set(environment);
        _platform = Identity.UseInThisProcess();
        _app = DevHostApp.Build(
            // In Azure the Functions host runs the timers; here a test runs the one it exercises (TimerScheduler.RunNowAsync),
            // so no run sees a reminder or a sweep because of the hour it started at.
            ["--environment", "Production", "--urls", "http://127.0.0.1:0", "--data-dir", _dataDirectory, "--no-seed", "--DevHost:Timers=none"],
            builder =>
            {
                builder.Logging.ClearProviders();
                builder.Logging.AddProvider(Logs);
            },
            configureConfiguration: configuration => configuration.Add(ReadSettings));
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Api = new ApiClient(new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) });
    }

    public async Task DisposeAsync()
    {
        Api?.Http.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        // The app's log of the run, for a failure that the assertion messages do not explain.
        await File.WriteAllLinesAsync(
            Path.Combine(Path.GetTempPath(), "booking-production-shape-last-run.log"),
            Logs.Lines.Select(l => $"{l.Level} {l.Category} [{l.EventName}] {l.Message}"));
        _platform?.Dispose();
        _environment?.Dispose();
        TestCosmosClient?.Dispose();
        if (OperatorAlerts is not null)
        {
            await OperatorAlerts.DisposeAsync();
        }

        if (PartnerResults is not null)
        {
            await PartnerResults.DisposeAsync();
        }

        if (TestBusClient is not null)
        {
            await TestBusClient.DisposeAsync();
        }

        foreach (var standIn in new IAsyncDisposable?[] { Bus, Cosmos, Azurite, Smtp, Sms, Vault, Entra, Identity })
        {
            if (standIn is not null)
            {
                await standIn.DisposeAsync();
            }
        }

        Ca?.Dispose();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    /// <summary>A setting as the app received it, by configuration key (<c>Section:Key</c>).</summary>
    public string Setting(string key) => AppSettings[key.Replace(":", "__", StringComparison.Ordinal)];

    /// <summary>An Entra ID v2 access token for the API (audience = its client id) with <paramref name="roles"/>.</summary>
    public string TokenV2(string objectId, IReadOnlyList<string> roles, IReadOnlyDictionary<string, object>? extraClaims = null) =>
        Entra.IssueV2(ApiClientId, new EntraTokenSubject(objectId, ClientApp, roles, extraClaims));

    /// <summary>An Entra ID v1 access token for the API (audience = its application id URI).</summary>
    public string TokenV1(string objectId, IReadOnlyList<string> roles) =>
        Entra.IssueV1(ProductionParameters.ApplicationIdUri, new EntraTokenSubject(objectId, ClientApp, roles));

    /// <summary>The web app's client id (the caller's app registration).</summary>
    public const string ClientApp = "0f3a8c55-1b2d-4e6f-8a9b-7c6d5e4f3a2b";

    private TokenCheck ValidateServiceBusToken(string token, string audience)
    {
        if (!audience.StartsWith($"amqps://{ServiceBusNamespaceOrNull}/", StringComparison.OrdinalIgnoreCase) && ServiceBusNamespaceOrNull is not null)
        {
            return TokenCheck.Refused($"audience {audience} is not the template's namespace");
        }

        var result = Identity.ValidateAsync(token, ServiceBusAudience).GetAwaiter().GetResult();
        return result.IsValid ? TokenCheck.Accepted(result.SecurityToken.ValidTo) : TokenCheck.Refused(result.Exception?.Message ?? "invalid token");
    }

    private string? ServiceBusNamespaceOrNull => AppSettings.TryGetValue("ServiceBus__FullyQualifiedNamespace", out var ns) ? ns : null;

    private void PutSecretsInTheVault()
    {
        var settings = Template.AsConfigurationKeys();
        // No KEK: the app creates the current epoch's secret when it starts, as in a first deployment.
        Vault.AddVersion(settings["KeyVault:BlindIndexSecretName"], RandomKey());
        Vault.AddVersion(ProductionParameters.SmtpPasswordSecretName, _smtpPassword);
        Vault.AddVersion(ProductionParameters.SmsAuthSecretName, _smsAuthHeader);
    }

    private static string RandomKey() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>The Cosmos database and containers, and the access-log container, as the snapshot declares them.</summary>
    private async Task CreateWhatBicepCreatesAsync(string accessLogAccount)
    {
        TestCosmosClient = CosmosClientFactory.Create(
            new CosmosOptions { Endpoint = Cosmos.Endpoint }, isDevelopment: false,
            new StaticTokenCredential(Identity.IssueToken(CosmosServerWithAad.Audience)));
        Database database = await TestCosmosClient.CreateDatabaseIfNotExistsAsync(Template.CosmosDatabaseName);
        foreach (var (id, partitionKeyPath, defaultTtl) in Template.CosmosContainers)
        {
            await database.CreateContainerIfNotExistsAsync(new ContainerProperties(id, partitionKeyPath) { DefaultTimeToLive = defaultTtl });
        }

        var blobs = new BlobServiceClient(Azurite.ConnectionString);
        foreach (var container in Template.BlobContainers(accessLogAccount))
        {
            await blobs.GetBlobContainerClient(container).CreateIfNotExistsAsync();
        }

        AccessLogContainer = blobs.GetBlobContainerClient(ShippedAppSettings.Values["AccessLog:Container"]!);
    }
}
