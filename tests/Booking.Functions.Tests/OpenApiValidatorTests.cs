using System.Diagnostics;
using System.Text.Json.Nodes;
using Booking.Tests.Shared;

namespace Booking.Functions.Tests;

/// <summary>
/// openapi.json passes two independent validators from tests/node_modules: Redocly's linter with its recommended
/// rules (tests/openapi/redocly.yaml) and swagger-parser's validation. A failure carries the validator's own messages.
/// </summary>
public sealed class OpenApiValidatorTests
{
    private static readonly string DocumentPath = Path.Combine(TestPaths.RepositoryRoot, "src", "Booking.Functions", "openapi.json");

    [Fact]
    public async Task PassesRedoclyLintWithRecommendedRulesWithoutWarnings()
    {
        var (exitCode, stdout, stderr) = await RunNodeAsync(
            Path.Combine("node_modules", "@redocly", "cli", "bin", "cli.js"),
            "lint", DocumentPath, "--config", Path.Combine("openapi", "redocly.yaml"), "--format", "json");

        var report = JsonNode.Parse(stdout);
        var problems = report?["problems"]?.AsArray()
            .Select(p => $"{p!["severity"]} {p["ruleId"]} at {p["location"]?[0]?["pointer"]}: {p["message"]}")
            .ToList();
        Assert.True(exitCode == 0 && problems is { Count: 0 }, problems is null ? stdout + stderr : string.Join('\n', problems));
    }

    [Fact]
    public async Task PassesSwaggerParserValidation()
    {
        var (exitCode, stdout, stderr) = await RunNodeAsync(Path.Combine("openapi", "swagger-parser-validate.mjs"), DocumentPath);

        Assert.True(exitCode == 0, stdout + stderr);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunNodeAsync(params string[] arguments)
    {
        var start = TestPaths.NodeStartInfo(arguments);
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
