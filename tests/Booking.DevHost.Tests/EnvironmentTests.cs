using System.Diagnostics;
using System.Net;
using Booking.Infrastructure;

namespace Booking.DevHost.Tests;

/// <summary>
/// The local host is a developer's host by default; told it is anything else, it is the function app as Azure runs
/// it, and it will not start on a developer's stand-ins.
/// </summary>
public sealed class EnvironmentTests
{
    private static string DataDirectory() => Path.Combine(Path.GetTempPath(), "booking-devhost-tests", Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void RefusesToBuildOutsideDevelopmentGivenOnlyTheLocalDefaults(string environment)
    {
        var refused = Assert.Throws<ProductionConfigurationException>(() =>
            DevHostApp.Build(["--environment", environment, "--data-dir", DataDirectory(), "--urls", "http://127.0.0.1:0"]));

        Assert.Contains("Storage:Provider=Cosmos", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Auth:Authority", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--environment=Production")]
    [InlineData("ASPNETCORE_ENVIRONMENT=Production")]
    [InlineData("DOTNET_ENVIRONMENT=Production")]
    public async Task ExitsAtOnceWithOneLineAndNoStackTraceGivenProductionWithoutProductionSettings(string how)
    {
        var dataDirectory = DataDirectory();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Booking.DevHost.dll"));
        foreach (var arg in new[] { "--data-dir", dataDirectory, "--urls", "http://127.0.0.1:0" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        if (how.StartsWith("--", StringComparison.Ordinal))
        {
            start.ArgumentList.Add(how);
        }
        else
        {
            start.Environment[how.Split('=')[0]] = how.Split('=')[1];
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        var lines = (await error).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, process.ExitCode);
        Assert.Equal("The Production environment refuses to start on ", Assert.Single(lines)[..47]);
        Assert.DoesNotContain("   at ", await error + await output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dataDirectory, "dev-signing-key")));
    }

    [Fact]
    public async Task ServesDevAndAdminEndpointsGivenNoEnvironment()
    {
        await using var host = await DevHostFixture.StartAsync();

        Assert.Equal(HttpStatusCode.OK, (await host.Client.PostAsync("/dev/token", new { subject = "alice", role = "patient" })).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await host.Client.PostAsync("/admin/functions/SweepOutbox", null)).Status);
    }
}
