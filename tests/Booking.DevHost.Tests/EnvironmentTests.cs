using System.Net;
using Booking.Infrastructure;

namespace Booking.DevHost.Tests;

/// <summary>
/// The local host is a developer's host by default; told it is anything else, it is the function app as Azure runs
/// it, and it will not start on a developer's stand-ins.
/// </summary>
public sealed class EnvironmentTests
{
    private static string DataDirectory() => TemporaryDataDirectories.New();

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
        var start = HostProcess.StartInfo(["--data-dir", dataDirectory, "--urls", "http://127.0.0.1:0"]);
        if (how.StartsWith("--", StringComparison.Ordinal))
        {
            start.ArgumentList.Add(how);
        }
        else
        {
            start.Environment[how.Split('=')[0]] = how.Split('=')[1];
        }

        var (exitCode, output, error) = await HostProcess.RunToExitAsync(start);

        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, exitCode);
        Assert.Equal("The Production environment refuses to start on ", Assert.Single(lines)[..47]);
        Assert.DoesNotContain("   at ", error + output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dataDirectory, "dev-signing-key")));
    }

    [Fact]
    public async Task ServesDevAndAdminEndpointsGivenNoEnvironment()
    {
        await using var host = await DevHostFixture.StartAsync();

        Assert.Equal(HttpStatusCode.OK, (await host.Client.PostAsync("/dev/token", new { subject = "alice", role = "patient" })).Status);
        Assert.Equal(HttpStatusCode.Accepted, (await host.Client.PostAsync("/admin/functions/SweepOutbox", null)).Status);
    }

    [Fact]
    public async Task SaysWhereItsMemoryIsGivenADevMemoryRequest()
    {
        await using var host = await DevHostFixture.StartAsync();
        await Scenario.PractitionerAsync(host.Client, city: "Memoryville");

        var memory = await host.Client.GetAsync("/dev/memory");

        Assert.Equal(HttpStatusCode.OK, memory.Status);
        double Mb(string name) => memory.Body[name]!.GetValue<double>();
        Assert.True(Mb("sqliteMb") > 0, memory.Text); // the store's page caches hold the practitioner just written
        Assert.True(Mb("gcHeapMb") > 0 && Mb("gcCommittedMb") >= Mb("gcHeapMb"), memory.Text);
        Assert.True(Mb("workingSetMb") > Mb("gcHeapMb"), memory.Text);
    }
}
