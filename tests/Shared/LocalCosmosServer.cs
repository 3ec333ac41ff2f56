using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Booking.Tests.Shared;

/// <summary>
/// A Cosmos DB endpoint for tests: <c>COSMOS_ENDPOINT</c> (and <c>COSMOS_KEY</c>) when set, otherwise the local
/// Cosmos-protocol server (tests/cosmos-compat on @vercel/cosmosdb-server from tests/node_modules) started on a free
/// loopback port and stopped on dispose. Linked into each test project that needs one.
/// </summary>
public sealed partial class LocalCosmosServer : IAsyncDisposable
{
    /// <summary>The Cosmos DB emulator's published, well-known key; the local server accepts any key.</summary>
    public const string EmulatorKey = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    private readonly Process? _process;
    private readonly HttpClient? _controlHttp;

    private LocalCosmosServer(Uri endpoint, string key, Process? process)
    {
        Endpoint = endpoint;
        Key = key;
        _process = process;
        if (process is not null)
        {
#pragma warning disable CA5359 // The local server's self-signed certificate.
            _controlHttp = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true })
            {
                BaseAddress = endpoint,
            };
#pragma warning restore CA5359
            Control = new CosmosCompatControl(_controlHttp);
        }
    }

    public Uri Endpoint { get; }

    public string Key { get; }

    /// <summary>True when the tests started the server themselves (and so may rely on its TTL sweep timing).</summary>
    public bool IsLocal => _process is not null;

    /// <summary>The compatibility layer's controls (throttling, the request record): null unless the tests started the server.</summary>
    public CosmosCompatControl? Control { get; }

    public static Task<LocalCosmosServer> StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable("COSMOS_ENDPOINT");
        return string.IsNullOrEmpty(configured)
            ? StartCompatLayerAsync()
            : Task.FromResult(new LocalCosmosServer(new Uri(configured), Environment.GetEnvironmentVariable("COSMOS_KEY") ?? EmulatorKey, null));
    }

    /// <summary>The local server, started here whatever COSMOS_ENDPOINT says: for tests that need its <see cref="Control"/>.</summary>
    public static async Task<LocalCosmosServer> StartCompatLayerAsync()
    {
        var tests = Booking.Tests.Shared.TestPaths.TestsDirectory;
        if (!Directory.Exists(Path.Combine(tests, "node_modules", "@vercel", "cosmosdb-server")))
        {
            throw new InvalidOperationException($"Run 'npm ci' in {tests} first (scripts/test.sh does), or set COSMOS_ENDPOINT.");
        }

        var start = new ProcessStartInfo("node", ["cosmos-compat/server.js", "--port", "0", "--host", "127.0.0.1"])
        {
            WorkingDirectory = tests,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
        var ready = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line && ReadyLine().Match(line) is { Success: true } m)
            {
                ready.TrySetResult(new Uri($"https://127.0.0.1:{m.Groups[1].Value}/"));
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException("The local Cosmos server exited before it was ready."));
        try
        {
            var endpoint = await ready.Task.WaitAsync(TimeSpan.FromSeconds(120));
            return new LocalCosmosServer(endpoint, EmulatorKey, process);
        }
        catch
        {
            Stop(process);
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        _controlHttp?.Dispose();
        if (_process is not null)
        {
            Stop(_process);
        }

        return ValueTask.CompletedTask;
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        finally
        {
            process.Dispose();
        }
    }

    [GeneratedRegex(@"Ready to accept HTTPS? connections at [^:]+:(\d+)")]
    private static partial Regex ReadyLine();
}
