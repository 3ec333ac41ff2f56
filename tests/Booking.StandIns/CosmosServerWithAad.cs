using System.Text.Json;
using System.Text.RegularExpressions;

namespace Booking.StandIns;

/// <summary>
/// The Cosmos DB-protocol server (tests/cosmos-compat over @vercel/cosmosdb-server) in the mode Azure runs the account
/// in: local (key) auth disabled, only Entra ID tokens accepted — <c>Authorization: type=aad&amp;ver=1.0&amp;sig=JWT</c>,
/// signed by the managed identity stand-in's key, issuer its <c>https://sts.windows.net/{tenant}/</c>, audience
/// <c>https://127.0.0.1</c> (the SDK asks for <c>https://{account host}/.default</c>; the port is not part of it) — and
/// HTTPS with the test CA's leaf, so the client needs no certificate callback. A key answers 403, a bad or missing token 401.
/// Gateway mode only (the product picks it for a loopback endpoint). Leaves out: data-plane RBAC (role assignments).
/// </summary>
public sealed partial class CosmosServerWithAad : IAsyncDisposable
{
    private readonly NodeServerProcess _server;
    private readonly string _jwksFile;

    private CosmosServerWithAad(NodeServerProcess server, string jwksFile, int port)
    {
        _server = server;
        _jwksFile = jwksFile;
        Endpoint = new Uri($"https://127.0.0.1:{port}/");
    }

    /// <summary><c>https://127.0.0.1:PORT/</c> (the app's <c>Cosmos:Endpoint</c>, no key).</summary>
    public Uri Endpoint { get; }

    /// <summary>The audience tokens must have: what the Cosmos SDK asks the credential for, less <c>/.default</c>.</summary>
    public static string Audience => "https://127.0.0.1";

    /// <summary>What the server printed; with <c>log: true</c> one line per request (method, path, status).</summary>
    public string Output => _server.Output;

    public static async Task<CosmosServerWithAad> StartAsync(TestCertificateAuthority ca, ManagedIdentityEndpoint identity, bool log = false)
    {
        var jwksFile = Path.Combine(Path.GetTempPath(), $"booking-cosmos-jwks-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(jwksFile, JsonSerializer.Serialize(new { keys = new[] { ManagedIdentityEndpoint.Signer.PublicJwk } }));
        try
        {
            var (server, captures) = await NodeServerProcess.StartAsync(
                [
                    "cosmos-compat/server.js", "--port", "0", "--host", "127.0.0.1",
                    "--cert", ca.LeafCertificatePemPath, "--key", ca.LeafKeyPemPath,
                    "--aad-jwks", jwksFile, "--aad-issuer", identity.Issuer,
                ],
                [ReadyLine()],
                TimeSpan.FromSeconds(60),
                log ? new Dictionary<string, string> { ["COSMOS_COMPAT_LOG"] = "1" } : null);
            return new CosmosServerWithAad(server, jwksFile, int.Parse(captures[0], System.Globalization.CultureInfo.InvariantCulture));
        }
        catch
        {
            File.Delete(jwksFile);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        File.Delete(_jwksFile);
    }

    [GeneratedRegex(@"Ready to accept HTTPS connections at [^:]+:(\d+)")]
    private static partial Regex ReadyLine();
}
