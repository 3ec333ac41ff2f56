using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Booking.StandIns;

/// <summary>
/// A Node server from tests/node_modules run as a child process: started with its arguments, ready once every
/// expected line has been printed (each regex's first group is kept, e.g. a port), killed with its process tree on dispose.
/// What it printed is kept for error messages.
/// </summary>
internal sealed class NodeServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private NodeServerProcess(Process process) => _process = process;

    public string Output => string.Join('\n', _output);

    public static async Task<(NodeServerProcess Server, IReadOnlyList<string> Captures)> StartAsync(
        IEnumerable<string> arguments, IReadOnlyList<Regex> readyLines, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = Booking.Tests.Shared.TestPaths.NodeStartInfo(arguments);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
        var server = new NodeServerProcess(process);
        var captures = new string?[readyLines.Count];
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            server._output.Enqueue(line);
            lock (captures)
            {
                for (var i = 0; i < readyLines.Count; i++)
                {
                    if (captures[i] is null && readyLines[i].Match(line) is { Success: true } m)
                    {
                        captures[i] = m.Groups.Count > 1 ? m.Groups[1].Value : m.Value;
                    }
                }

                if (captures.All(c => c is not null))
                {
                    ready.TrySetResult();
                }
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException("The server exited before it was ready:\n" + server.Output));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await ready.Task.WaitAsync(timeout);
            return (server, captures.Select(c => c!).ToList());
        }
        catch (TimeoutException)
        {
            await server.DisposeAsync();
            throw new TimeoutException($"The server was not ready within {timeout}:\n{server.Output}");
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            _process.Dispose();
        }
    }
}
