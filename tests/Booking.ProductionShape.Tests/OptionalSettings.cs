namespace Booking.ProductionShape.Tests;

/// <summary>
/// Settings the app reads but Azure leaves unset on purpose, each with the reason. A key here is matched exactly, or
/// or, when it ends with ':', as a section with everything under it.
/// </summary>
public static class OptionalSettings
{
    public static IReadOnlyList<(string Key, string Reason)> Listed { get; } =
    [
        // Local alternatives that ProductionConfiguration refuses outside Development: Azure signs in with the identity.
        ("Cosmos:Key", "the local Cosmos server's account key; Azure's account has local auth disabled"),
        ("Cosmos:AcceptAnyServerCertificate", "the local Cosmos server's self-signed certificate"),
        ("Cosmos:IsLocalServer", "a computed property of CosmosOptions that the binder visits, not a setting"),
        ("ServiceBus:ConnectionString", "the local emulator's SAS connection string"),
        ("AccessLog:ConnectionString", "Azurite's account key"),
        ("Auth:SigningKey", "the development token key; Azure checks Entra ID's published keys (Auth:Authority)"),
        ("Auth:Issuer", "the development tokens' issuer, unused once Auth:Issuers is set"),
        ("Auth:Audience", "the development tokens' audience, unused once Auth:Audiences is set"),
        ("Auth:AcceptedIssuers", "a computed property of AuthOptions that the binder visits, not a setting"),
        ("Auth:AcceptedAudiences", "a computed property of AuthOptions that the binder visits, not a setting"),
        ("Cosmos:CreateIfNotExists", "Bicep creates the database and containers in Azure"),
        // Tuning with defaults in code; Azure runs on the defaults.
        ("Cosmos:ConnectionMode", "default in CosmosOptions"),
        ("Cosmos:MaxRetryAttemptsOnRateLimitedRequests", "default in CosmosOptions"),
        ("Cosmos:MaxRetryWaitTimeOnRateLimitedRequests", "default in CosmosOptions"),
        ("Cosmos:RequestTimeout", "default in CosmosOptions"),
        ("KeyVault:RefreshPeriod", "default in KeyVaultOptions"),
        ("Notifications:ClaimLease", "default in the notification options"),
        ("Outbox:InFlightGrace", "default in the outbox options"),
        // The local host's own: in Azure the Functions host runs the worker and sets these itself.
        ("DevHost:", "the local host's flags (--data-dir, --no-seed), set in memory by DevHostApp"),
        ("Cors:AllowedOrigins", "the local host's CORS policy; in Azure the Functions host answers CORS from siteConfig.cors (Bicep's corsAllowedOrigins)"),
        ("Storage:DataDirectory", "the local host's --data-dir, for the embedded store (not used with Cosmos)"),
        ("urls", "ASP.NET Core hosting (the harness passes --urls)"),
        ("environment", "ASP.NET Core hosting (the harness passes --environment Production)"),
        ("applicationName", "ASP.NET Core hosting"),
        ("contentRoot", "ASP.NET Core hosting"),
        ("AllowedHosts", "ASP.NET Core host filtering"),
        ("http_ports", "ASP.NET Core hosting"),
        ("https_ports", "ASP.NET Core hosting"),
        ("preferHostingUrls", "ASP.NET Core hosting"),
        ("preventHostingStartup", "ASP.NET Core hosting"),
        ("hostingStartupAssemblies", "ASP.NET Core hosting"),
        ("hostingStartupExcludeAssemblies", "ASP.NET Core hosting"),
        ("servicesStartConcurrently", "generic host options"),
        ("servicesStopConcurrently", "generic host options"),
        ("shutdownTimeoutSeconds", "generic host options"),
        ("startupTimeoutSeconds", "generic host options"),
        ("ForwardedHeaders_Enabled", "ASP.NET Core forwarded headers"),
        ("Kestrel:", "Kestrel's options"),
        ("Logging:", "logging options"),
    ];

    public static bool Covers(string key) =>
        Listed.Any(entry => entry.Key.EndsWith(':')
            ? key.StartsWith(entry.Key, StringComparison.OrdinalIgnoreCase) || key.Equals(entry.Key.TrimEnd(':'), StringComparison.OrdinalIgnoreCase)
            : key.Equals(entry.Key, StringComparison.OrdinalIgnoreCase));
}
