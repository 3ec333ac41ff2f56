using System.Text.RegularExpressions;

namespace Booking.StandIns;

/// <summary>
/// Azurite 3.37.0 (tests/node_modules) with bearer-token authentication (<c>--oauth basic</c>) over HTTPS with the test
/// CA's leaf, blob, queue and table services on free loopback ports, in memory. Blob Storage as Azure.Storage.Blobs
/// calls it with a <c>TokenCredential</c> (scope <c>https://storage.azure.com/.default</c>). What Azurite's "basic"
/// level checks: the token is a JWT with iat, nbf and exp, now within nbf..exp, an issuer starting with
/// <c>https://sts.windows.net/</c> (or another Entra ID cloud's), an audience of storage (<c>https://storage.azure.com</c>,
/// the account's endpoint), and HTTPS. It does not check the signature: that the token came from the right identity is
/// for <see cref="ManagedIdentityEndpoint"/> (which issues to the configured identity only). RBAC roles are not checked.
/// The account key still works (<see cref="ConnectionString"/>, for arranging and inspecting from a test).
/// </summary>
public sealed partial class AzuriteWithOAuth : IAsyncDisposable
{
    public const string AccountName = "devstoreaccount1";

    /// <summary>Azurite's published development account key.</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly NodeServerProcess _server;

    private AzuriteWithOAuth(NodeServerProcess server, int blob, int queue, int table)
    {
        _server = server;
        BlobEndpoint = new Uri($"https://127.0.0.1:{blob}/{AccountName}");
        QueueEndpoint = new Uri($"https://127.0.0.1:{queue}/{AccountName}");
        TableEndpoint = new Uri($"https://127.0.0.1:{table}/{AccountName}");
    }

    /// <summary><c>https://127.0.0.1:PORT/devstoreaccount1</c> (the app's <c>AccessLog:BlobEndpoint</c>).</summary>
    public Uri BlobEndpoint { get; }

    public Uri QueueEndpoint { get; }

    public Uri TableEndpoint { get; }

    /// <summary>A shared-key connection string to the same account (HTTPS endpoints).</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=https;AccountName={AccountName};AccountKey={AccountKey};BlobEndpoint={BlobEndpoint};QueueEndpoint={QueueEndpoint};TableEndpoint={TableEndpoint};";

    /// <summary>What Azurite printed (for a failing test's message).</summary>
    public string Output => _server.Output;

    public static async Task<AzuriteWithOAuth> StartAsync(TestCertificateAuthority ca)
    {
        var (server, ports) = await NodeServerProcess.StartAsync(
            [
                "node_modules/azurite/dist/src/azurite.js", "--disableTelemetry", "--skipApiVersionCheck",
                "--inMemoryPersistence", "--extentMemoryLimit", "256",
                "--oauth", "basic", "--cert", ca.LeafCertificatePemPath, "--key", ca.LeafKeyPemPath,
                "--blobHost", "127.0.0.1", "--blobPort", "0", "--queueHost", "127.0.0.1", "--queuePort", "0", "--tableHost", "127.0.0.1", "--tablePort", "0",
            ],
            [BlobReady(), QueueReady(), TableReady()],
            TimeSpan.FromSeconds(60));
        return new AzuriteWithOAuth(server, int.Parse(ports[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(ports[1], System.Globalization.CultureInfo.InvariantCulture), int.Parse(ports[2], System.Globalization.CultureInfo.InvariantCulture));
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    [GeneratedRegex(@"Blob service is successfully listening at https://[^:]+:(\d+)")]
    private static partial Regex BlobReady();

    [GeneratedRegex(@"Queue service is successfully listening at https://[^:]+:(\d+)")]
    private static partial Regex QueueReady();

    [GeneratedRegex(@"Table service is successfully listening at https://[^:]+:(\d+)")]
    private static partial Regex TableReady();
}
