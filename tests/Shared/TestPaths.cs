using System.Net;
using System.Net.Sockets;

namespace Booking.Tests.Shared;

/// <summary>Where the repository is, and a free loopback port, for fixtures that start local servers or builds.</summary>
internal static class TestPaths
{
    /// <summary>The folder holding Functions.sln, found upwards from the test binaries.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    public static string TestsDirectory => Path.Combine(RepositoryRoot, "tests");

    /// <summary>Node running in tests/ (where <c>npm ci</c> installed the tools), output redirected.</summary>
    public static System.Diagnostics.ProcessStartInfo NodeStartInfo(IEnumerable<string> arguments)
    {
        if (!Directory.Exists(Path.Combine(TestsDirectory, "node_modules")))
        {
            throw new InvalidOperationException($"Run 'npm ci' in {TestsDirectory} first (scripts/test.sh does).");
        }

        return new System.Diagnostics.ProcessStartInfo("node", arguments)
        {
            WorkingDirectory = TestsDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
    }

    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Functions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (the folder holding Functions.sln) above " + AppContext.BaseDirectory);
    }
}
