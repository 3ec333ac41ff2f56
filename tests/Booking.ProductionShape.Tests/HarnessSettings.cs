namespace Booking.ProductionShape.Tests;

/// <summary>
/// Everything the harness gives the app beyond the template's app settings, each with why it cannot come from the
/// template. Keep it this short: anything added here is a setting Azure would not have.
/// </summary>
public static class HarnessSettings
{
    /// <summary>App settings the harness adds (environment variables, <c>Section__Key</c>).</summary>
    public static IReadOnlyList<(string Name, string Value, string Reason)> Additions(int serviceBusPort) =>
    [
        ("ServiceBus__CustomEndpointAddress", $"sb://127.0.0.1:{serviceBusPort}",
            "the Service Bus SDK connects a namespace name to {namespace}:5671; the stand-in cannot listen there, so the "
            + "connection is redirected (tokens and the CBS audience keep the template's namespace)"),
    ];

    /// <summary>
    /// What the platform itself puts in the environment of an App Service / Functions app with a managed identity (not
    /// app settings): the identity endpoint and its secret header, set by <c>ManagedIdentityEndpoint.UseInThisProcess</c>.
    /// </summary>
    public static readonly IReadOnlyList<string> PlatformVariables = ["IDENTITY_ENDPOINT", "IDENTITY_HEADER"];
}
