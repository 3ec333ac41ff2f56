using System.Diagnostics;
using System.Reflection;

namespace Booking.Functions.Tests;

/// <summary>
/// The Azure publish needs the host's Service Bus extension; local builds can't restore it. The switch
/// (<c>EnableServiceBusHostExtension=true</c>) must put it into the SDK-generated extensions project, and only then.
/// A copy of the four projects is built with the switch on, up to the generation of that project: the worker SDK's own
/// build of it, whose restore needs the package that is not served here, is left out
/// (<c>_FunctionsBuildEnabled=false</c>) and its generating target (<c>_FunctionsGenerateCommon</c>) is run after the
/// build instead, so the nested build must succeed.
/// </summary>
public sealed class ServiceBusHostExtensionSwitchTests
{
    private static readonly TimeSpan BuildPatience = TimeSpan.FromMinutes(8);

    [Fact]
    public async Task TheSwitchAddsTheServiceBusHostExtensionToTheGeneratedExtensionsProject()
    {
        var root = Booking.Tests.Shared.TestPaths.RepositoryRoot;
        var copy = Directory.CreateTempSubdirectory("booking-switch-").FullName;
        try
        {
            foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json", "host.json", ".editorconfig" })
            {
                File.Copy(Path.Combine(root, file), Path.Combine(copy, file));
            }

            foreach (var project in new[] { "Booking.Domain", "Booking.Application", "Booking.Infrastructure", "Booking.Functions" })
            {
                CopySources(Path.Combine(root, "src", project), Path.Combine(copy, "src", project));
            }

            await BuildWithTheSwitchOnAsync(copy);

            var generated = File.ReadAllText(Path.Combine(copy, "src", "Booking.Functions", "obj", "Debug", "net10.0", "WorkerExtensions", "WorkerExtensions.csproj"));
            Assert.Contains("Include=\"Microsoft.Azure.WebJobs.Extensions.ServiceBus\"", generated, StringComparison.Ordinal);

            // This test project's own build of Booking.Functions, same configuration, the switch off.
            var configuration = typeof(ServiceBusHostExtensionSwitchTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value!;
            var local = File.ReadAllText(Path.Combine(root, "src", "Booking.Functions", "obj", configuration, "net10.0", "WorkerExtensions", "WorkerExtensions.csproj"));
            Assert.DoesNotContain("Extensions.ServiceBus", local, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    /// <summary>Builds <c>src/Booking.Functions</c> in <paramref name="directory"/> with the switch on; fails with the build's output unless it exits 0.</summary>
    private static async Task BuildWithTheSwitchOnAsync(string directory)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "msbuild", "src/Booking.Functions", "-restore", "-t:Build;_FunctionsGenerateCommon", "-p:Configuration=Debug",
            "-p:EnableServiceBusHostExtension=true", "-p:_FunctionsBuildEnabled=false", "-nologo", "-v:q", "-nodeReuse:false",
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(BuildPatience);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"The nested build did not end within {BuildPatience.TotalMinutes} minutes:{Environment.NewLine}{await output}{await errors}");
        }

        var text = await output + await errors;
        Assert.True(process.ExitCode == 0, $"The nested build exited {process.ExitCode}:{Environment.NewLine}{text}");
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
