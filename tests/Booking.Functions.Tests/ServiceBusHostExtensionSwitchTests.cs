using System.Diagnostics;

namespace Booking.Functions.Tests;

/// <summary>
/// The Azure publish needs the host's Service Bus extension; local builds can't restore it. The switch
/// (<c>EnableServiceBusHostExtension=true</c>) must put it into the SDK-generated extensions project, and
/// only then. The restore of that project is expected to fail here (the package is not served); generating it is what is checked.
/// </summary>
public sealed class ServiceBusHostExtensionSwitchTests
{
    [Fact]
    public async Task TheSwitchAddsTheServiceBusHostExtensionToTheGeneratedExtensionsProject()
    {
        var root = Booking.Tests.Shared.TestPaths.RepositoryRoot;
        var copy = Directory.CreateTempSubdirectory("booking-switch-").FullName;
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json", "host.json", ".editorconfig" })
        {
            File.Copy(Path.Combine(root, file), Path.Combine(copy, file));
        }

        foreach (var project in new[] { "Booking.Domain", "Booking.Application", "Booking.Infrastructure", "Booking.Functions" })
        {
            CopySources(Path.Combine(root, "src", project), Path.Combine(copy, "src", project));
        }

        await RunBuildAsync(copy, switchOn: true);

        var generated = File.ReadAllText(Path.Combine(copy, "src", "Booking.Functions", "obj", "Debug", "net10.0", "WorkerExtensions", "WorkerExtensions.csproj"));
        Assert.Contains("Include=\"Microsoft.Azure.WebJobs.Extensions.ServiceBus\"", generated, StringComparison.Ordinal);

        var local = File.ReadAllText(Path.Combine(root, "src", "Booking.Functions", "obj", "Debug", "net10.0", "WorkerExtensions", "WorkerExtensions.csproj"));
        Assert.DoesNotContain("Extensions.ServiceBus", local, StringComparison.Ordinal);
        Directory.Delete(copy, recursive: true);
    }

    private static async Task RunBuildAsync(string directory, bool switchOn)
    {
        var start = new ProcessStartInfo("dotnet", ["build", "src/Booking.Functions", "-nologo", "-v:q", $"-p:EnableServiceBusHostExtension={switchOn.ToString().ToLowerInvariant()}"])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(8));
        _ = await output;
    }

    private static void CopySources(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.StartsWith("bin", StringComparison.Ordinal) || relative.StartsWith("obj", StringComparison.Ordinal))
            {
                continue;
            }

            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
