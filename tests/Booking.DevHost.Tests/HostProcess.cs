using System.Diagnostics;

namespace Booking.DevHost.Tests;

/// <summary>The local host as its own process (<c>dotnet Booking.DevHost.dll …</c>), as a developer starts it.</summary>
internal static class HostProcess
{
    public static ProcessStartInfo StartInfo(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Booking.DevHost.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        return start;
    }

    /// <summary>Runs the host to its exit (at most a minute): its exit code, standard output and standard error.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunToExitAsync(ProcessStartInfo start)
    {
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}

/// <summary>A host started as its own process on a data directory, its address read from the line it prints once it listens; killed on dispose.</summary>
internal sealed partial class RunningHost : IAsyncDisposable
{
    private RunningHost(Process process, string announced, Uri address)
    {
        Process = process;
        Announced = announced;
        Client = new ApiClient(new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) });
    }

    public Process Process { get; }

    /// <summary>The line the host printed once it listened.</summary>
    public string Announced { get; }

    public ApiClient Client { get; }

    /// <summary>Starts <c>Booking.DevHost.dll --data-dir <paramref name="dataDirectory"/></c> on a free port, no demo seed, with <paramref name="extraArgs"/>.</summary>
    public static async Task<RunningHost> StartAsync(string dataDirectory, params string[] extraArgs)
    {
        var process = Process.Start(HostProcess.StartInfo(["--data-dir", dataDirectory, "--urls", "http://127.0.0.1:0", "--no-seed", "--Logging:LogLevel:Default=Warning", DevHostFixture.NoTimers, .. extraArgs]))!;
        _ = process.StandardError.ReadToEndAsync(); // drained, so the host never blocks on a full pipe
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (StartLine().Match(line) is { Success: true } started)
                {
                    _ = DrainAsync(process.StandardOutput);
                    return new RunningHost(process, line, new Uri(started.Groups["url"].Value));
                }
            }
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        throw new InvalidOperationException($"The host stopped (exit code {process.ExitCode}) without saying where it listens.");
    }

    /// <summary>Kills the process at once (SIGKILL), as a crash would: nothing is flushed or handed back.</summary>
    public async Task KillAsync()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
        }

        await Process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Http.Dispose();
        await KillAsync();
        Process.Dispose();
    }

    private static async Task DrainAsync(StreamReader output)
    {
        while (await output.ReadLineAsync() is not null)
        {
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^Booking local host \(Development\) listening on (?<url>http://127\.0\.0\.1:\d+); data in ")]
    private static partial System.Text.RegularExpressions.Regex StartLine();
}
