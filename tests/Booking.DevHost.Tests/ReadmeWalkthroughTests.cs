using System.Diagnostics;
using System.Text.RegularExpressions;
using Booking.Tests.Shared;

namespace Booking.DevHost.Tests;

/// <summary>
/// The README's walk-through, run as printed: its shell blocks, in order, against a seeded host on a free port whose
/// data directory is <c>.devhost</c> in the directory the commands run in. Only the address line is changed. Every
/// <c>curl -si</c> whose comment ends in a status must get that status; every command must succeed.
/// </summary>
public sealed partial class ReadmeWalkthroughTests
{
    private const string Heading = "## A walk through the API with curl";

    [Fact]
    public async Task EveryCommandOfTheWalkthroughAnswersAsTheReadmeSays()
    {
        var script = WalkthroughScript(await File.ReadAllTextAsync(Path.Combine(TestPaths.RepositoryRoot, "README.md")));
        var workDirectory = Directory.CreateTempSubdirectory("booking-readme-").FullName;
        await using var host = await DevHostFixture.StartAsync(Path.Combine(workDirectory, ".devhost"), seed: true);
        var address = host.Client.Http.BaseAddress!.ToString().TrimEnd('/');
        Assert.Contains("B=http://localhost:7071\n", script, StringComparison.Ordinal);

        var (exitCode, output, error) = await RunAsync(script.Replace("B=http://localhost:7071\n", $"B={address}\n", StringComparison.Ordinal), workDirectory);

        Assert.True(exitCode == 0, $"the walk-through failed ({exitCode}):\n{error}\n{output}");
        var expected = CurlCommands(script).Select(ExpectedStatus).ToList();
        var answered = StatusLine().Matches(output).Select(m => m.Groups["status"].Value).ToList();
        Assert.True(expected.Count == answered.Count, $"{expected.Count} curl -si commands, {answered.Count} answers:\n{output}");
        Assert.All(expected.Zip(answered), pair => Assert.True(pair.First is null || pair.First == pair.Second, $"expected {pair.First}, got {pair.Second}"));
        Assert.Contains("nothing found", output, StringComparison.Ordinal);
        Assert.Matches("\"firstName\": \"Bob\"", output);
    }

    /// <summary>The shell blocks from the walk-through's heading to the next heading of its level, joined.</summary>
    private static string WalkthroughScript(string readme)
    {
        var start = readme.IndexOf(Heading, StringComparison.Ordinal);
        Assert.True(start >= 0, $"the README has no \"{Heading}\"");
        var section = readme[(start + Heading.Length)..];
        var next = section.IndexOf("\n## ", StringComparison.Ordinal);
        section = next < 0 ? section : section[..next];
        var blocks = ShellBlock().Matches(section).Select(m => m.Groups["code"].Value).ToList();
        Assert.True(blocks.Count >= 2, "the walk-through has its patient and its practitioner blocks");
        return string.Join("\n", blocks).ReplaceLineEndings("\n");
    }

    /// <summary>Each <c>curl -si</c> command, its continuation lines joined.</summary>
    private static IEnumerable<string> CurlCommands(string script) =>
        script.Replace("\\\n", " ", StringComparison.Ordinal).Split('\n').Where(line => line.Contains("curl -si", StringComparison.Ordinal));

    private static string? ExpectedStatus(string command) => AnnotatedStatus().Match(command) is { Success: true } m ? m.Groups["status"].Value : null;

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string script, string workDirectory)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, WorkingDirectory = workDirectory };
        start.ArgumentList.Add("-euo");
        start.ArgumentList.Add("pipefail");
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(script);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    [GeneratedRegex(@"```bash\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShellBlock();

    [GeneratedRegex(@"#\s*(?<status>\d{3})\b[^#]*$")]
    private static partial Regex AnnotatedStatus();

    // Not anchored to a line: curl -si prints a body without a final newline, so the next status line follows on.
    [GeneratedRegex(@"HTTP/\d(?:\.\d)? (?<status>\d{3}) ")]
    private static partial Regex StatusLine();
}
