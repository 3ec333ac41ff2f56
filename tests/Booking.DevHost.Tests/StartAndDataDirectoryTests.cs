using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Booking.DevHost.Tests;

/// <summary>What a developer sees when the host starts: where it listens and keeps its data; and a clear refusal when that data is taken.</summary>
public sealed partial class StartAndDataDirectoryTests
{
    [Fact]
    public async Task SaysWhereItListensAndKeepsDataAndASecondHostOnThatDataExitsWithOneLineNamingTheHolder()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "booking-devhost-tests", Guid.NewGuid().ToString("N"));
        string[] args = ["--data-dir", dataDirectory, "--urls", "http://127.0.0.1:0", "--no-seed"];
        using var first = Process.Start(HostProcess.StartInfo(args))!;
        try
        {
            var announced = await StartLineAsync(first);
            Assert.Contains($"data in {dataDirectory}", announced, StringComparison.Ordinal);
            var url = StartLine().Match(announced).Groups["url"].Value;
            using var http = new HttpClient();
            Assert.True((await http.GetAsync(new Uri(new Uri(url), "/api/health"))).IsSuccessStatusCode);

            var (exitCode, output, error) = await HostProcess.RunToExitAsync(HostProcess.StartInfo(args));

            Assert.Equal(3, exitCode);
            var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith($"The data directory {dataDirectory} is in use by process {first.Id} (", line, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", error + output, StringComparison.Ordinal);
        }
        finally
        {
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }
    }

    private static async Task<string> StartLineAsync(Process host)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await host.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (StartLine().IsMatch(line))
            {
                return line;
            }
        }

        throw new InvalidOperationException("The host stopped without saying where it listens.");
    }

    [GeneratedRegex(@"^Booking local host \(Development\) listening on (?<url>http://127\.0\.0\.1:\d+); data in ")]
    private static partial Regex StartLine();
}
