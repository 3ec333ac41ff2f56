using System.Diagnostics;
using System.Reflection;
using Booking.Tests.Shared;

namespace Booking.Reliability;

/// <summary>
/// A local host as its own process (<c>dotnet Booking.DevHost.dll</c>, or <c>Booking.FaultyHost.dll</c>: the same
/// host with fault injection) on a free loopback port over a fresh temporary data directory; killed and cleaned up
/// on dispose. Its console output goes to a log file there.
/// </summary>
public sealed class DevHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly string _logPath;
    private bool _ownsData;

    private DevHostProcess(Process process, Uri address, string dataDirectory, StreamWriter log, string logPath)
    {
        _logPath = logPath;
        _process = process;
        Address = address;
        DataDirectory = dataDirectory;
        _log = log;
    }

    public Uri Address { get; }

    public string DataDirectory { get; }

    public int ProcessId => _process.Id;

    public static string DevHostDll { get; } = BuiltDll("DevHostDll");

    /// <summary>The DevHost with fault injection added (<c>Faults:*</c> settings; <c>/dev/faults</c>).</summary>
    public static string FaultyHostDll { get; } = BuiltDll("FaultyHostDll");

    /// <summary>
    /// Starts a host over <paramref name="dataDirectory"/> (kept on dispose), or over a new temporary one (deleted on
    /// dispose); with <paramref name="faultInjection"/>, the faulty host, which reads the <c>Faults:*</c> settings.
    /// </summary>
    /// <param name="address">where it listens (a host started again where clients still send); by default a free loopback port</param>
    public static async Task<DevHostProcess> StartAsync(IEnumerable<string> settings, string? dataDirectory = null, bool faultInjection = false, Uri? address = null)
    {
        var dll = faultInjection ? FaultyHostDll : DevHostDll;
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build bench/Booking.Reliability (it builds both hosts) in the same configuration.");
        }

        var ownsData = dataDirectory is null;
        dataDirectory ??= Directory.CreateTempSubdirectory("booking-reliability-").FullName;
        address ??= new Uri($"http://127.0.0.1:{TestPaths.FreeLoopbackPort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = dataDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { dll, "--urls", address.ToString().TrimEnd('/'), "--data-dir", dataDirectory, "--no-seed", "--Logging:LogLevel:Default=Warning" }.Concat(settings))
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started.");
        // One log per port: hosts sharing a data directory each write their own.
        var logPath = Path.Combine(dataDirectory, $"devhost-{address.Port}.log");
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new DevHostProcess(process, address, dataDirectory, log, logPath) { _ownsData = ownsData };
        try
        {
            await host.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60));
            return host;
        }
        catch
        {
            await host.DisposeAsync(keepData: true);
            throw;
        }
    }

    public ValueTask DisposeAsync() => DisposeAsync(keepData: !_ownsData);

    /// <summary>Asks the host to stop (SIGTERM, as a platform does) and waits; kills it if it takes over 20 s.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await _process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync(bool keepData)
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }

        if (!keepData)
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }

    private static string BuiltDll(string key) => Path.GetFullPath(
        typeof(DevHostProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!);

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            if (log.BaseStream.CanWrite)
            {
                log.WriteLine(line);
            }
        }
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The DevHost exited with code {_process.ExitCode}; see {_logPath}.");
            }

            try
            {
                using var response = await http.GetAsync("/api/health");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The DevHost at {Address} was not healthy within {timeout.TotalSeconds} s; see {_logPath}.");
    }
}
