using System.Diagnostics;

namespace Booking.Tests.Shared.Infra;

/// <summary>
/// The Bicep CLI from the NuGet package Azure.Bicep.CommandLine.linux-x64, which this project downloads on restore.
/// Everything it does here is offline: no registry modules, types built in.
/// </summary>
internal static class BicepCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    // Read by the .bicepparam files; a developer's azd session must not change what the tests see.
    private static readonly string[] IsolatedVariables =
        ["AZURE_ENV_NAME", "AZURE_LOCATION", "BOOKING_ENABLE_PRIVATE_ENDPOINTS", "BOOKING_AUTH_AUDIENCE", "BOOKING_ALERT_EMAIL"];

    public static string ExecutablePath { get; } = Locate();

    public static Task<ProcessResult> RunAsync(string workingDirectory, params string[] arguments) =>
        RunAsync(workingDirectory, new Dictionary<string, string>(), arguments);

    /// <summary>Runs the CLI with <paramref name="environment"/> set on top of the variables it always clears.</summary>
    public static async Task<ProcessResult> RunAsync(
        string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(ExecutablePath)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var variable in IsolatedVariables)
        {
            startInfo.Environment.Remove(variable);
        }

        foreach (var (variable, value) in environment)
        {
            startInfo.Environment[variable] = value;
        }

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start {ExecutablePath}.");
        using var cancellation = new CancellationTokenSource(Timeout);
        var standardOutput = process.StandardOutput.ReadToEndAsync(cancellation.Token);
        var standardError = process.StandardError.ReadToEndAsync(cancellation.Token);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish within {Timeout}.");
        }

        var output = (await standardOutput) + (await standardError);
        return new ProcessResult($"bicep {string.Join(' ', arguments)}", process.ExitCode, output);
    }

    private static string Locate()
    {
        var version = BuildMetadata.Get("BicepCliVersion") ?? "0.49.2";
        var candidates = new[]
            {
                BuildMetadata.Get("NuGetPackageRoot"),
                Environment.GetEnvironmentVariable("NUGET_PACKAGES"),
                Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
            }
            .Where(root => !string.IsNullOrEmpty(root))
            .Select(root => Path.Combine(root!, "azure.bicep.commandline.linux-x64", version, "tools", "bicep"));

        foreach (var candidate in candidates)
        {
            if (File.Exists(candidate))
            {
                EnsureExecutable(candidate);
                return candidate;
            }
        }

        throw new FileNotFoundException(
            $"The Bicep CLI {version} is not in the NuGet cache: restore the test project (it downloads Azure.Bicep.CommandLine.linux-x64) first.");
    }

    private static void EnsureExecutable(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The Bicep CLI package used here is the linux-x64 build.");
        }

        var mode = File.GetUnixFileMode(path);
        if (!mode.HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute);
        }
    }
}
