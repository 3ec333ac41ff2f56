using System.Diagnostics;

namespace Booking.Infra.Tests;

/// <summary>
/// Runs infra/scripts/create-key-secrets.sh (what the deployment script executes) against a stand-in <c>az</c>
/// that records its calls, to check each key is created once, from 32 random bytes, and never printed.
/// </summary>
public sealed class KeySecretsScriptTests : IDisposable
{
    private const string VaultId = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-test";
    // The script takes any names; Bicep passes only the blind-index key (the app makes the KEKs). Two show it handles each.
    private const string Other = "booking-other-key";
    private const string BlindIndex = "booking-blind-index-key";

    // GET answers from STUB_GET: "error" fails every check; otherwise a secret exists when its name is in
    // STUB_EXISTING. PUT copies the request body to $STUB_CAPTURE/<secret name>.json.
    private const string FakeAz = """
        #!/bin/bash
        echo "$*" >> "$STUB_LOG"
        method=""; body=""; url=""
        while [ $# -gt 0 ]; do
          case "$1" in
            --method) method="$2"; shift 2 ;;
            --body) body="$2"; shift 2 ;;
            --url) url="$2"; shift 2 ;;
            *) shift ;;
          esac
        done
        name="${url##*/secrets/}"; name="${name%%\?*}"
        if [ "$method" = "get" ]; then
          if [ "$STUB_GET" = "error" ]; then echo 'ERROR: (InternalServerError) unavailable' >&2; exit 1; fi
          for existing in $STUB_EXISTING; do [ "$existing" = "$name" ] && exit 0; done
          echo 'ERROR: Not Found({"error":{"code":"SecretNotFound"}})' >&2
          exit 1
        fi
        if [ "$method" = "put" ]; then
          cp "${body#@}" "$STUB_CAPTURE/$name.json"
          exit 0
        fi
        exit 2
        """;

    private readonly string directory = Directory.CreateTempSubdirectory("booking-key-script-").FullName;

    public KeySecretsScriptTests()
    {
        var az = Path.Combine(directory, "az");
        File.WriteAllText(az, FakeAz.ReplaceLineEndings("\n") + "\n");
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(az, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        Directory.CreateDirectory(Captures);
    }

    private string Log => Path.Combine(directory, "az.log");

    private string Captures => Path.Combine(directory, "captures");

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task ScriptLeavesExistingSecretsUnchanged()
    {
        var run = await RunScriptAsync(existing: $"{Other} {BlindIndex}");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain("--method put", await File.ReadAllTextAsync(Log), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Captures));
    }

    [Fact]
    public async Task ScriptCreatesOnlyTheMissingSecret()
    {
        var run = await RunScriptAsync(existing: Other);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal([$"{BlindIndex}.json"], Directory.GetFiles(Captures).Select(Path.GetFileName));
    }

    [Fact]
    public async Task ScriptCreatesEachMissingSecretFrom32RandomBytesWithoutPrintingIt()
    {
        var run = await RunScriptAsync(existing: string.Empty);

        Assert.True(run.ExitCode == 0, run.ToString());
        var values = new List<string>();
        foreach (var name in new[] { Other, BlindIndex })
        {
            using var body = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Captures, $"{name}.json")));
            var value = body.RootElement.StringAt("properties", "value")!;
            Assert.Equal(32, Convert.FromBase64String(value).Length);
            Assert.DoesNotContain(value, run.Output, StringComparison.Ordinal);
            Assert.Contains($"--method put --url {VaultId}/secrets/{name}?api-version=", await File.ReadAllTextAsync(Log), StringComparison.Ordinal);
            values.Add(value);
        }

        Assert.Equal(values.Count, values.Distinct().Count());
    }

    [Fact]
    public async Task ScriptFailsWithoutWritingWhenSecretsCannotBeChecked()
    {
        var run = await RunScriptAsync(existing: string.Empty, getOutcome: "error");

        Assert.NotEqual(0, run.ExitCode);
        Assert.DoesNotContain("--method put", await File.ReadAllTextAsync(Log), StringComparison.Ordinal);
    }

    private async Task<ProcessResult> RunScriptAsync(string existing, string getOutcome = "answer")
    {
        var startInfo = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(Path.Combine(RepositoryPaths.Infra, "scripts", "create-key-secrets.sh"));
        startInfo.Environment["PATH"] = $"{directory}:{Environment.GetEnvironmentVariable("PATH")}";
        startInfo.Environment["VAULT_ID"] = VaultId;
        startInfo.Environment["SECRET_NAMES"] = $"{Other} {BlindIndex}";
        startInfo.Environment["STUB_GET"] = getOutcome;
        startInfo.Environment["STUB_EXISTING"] = existing;
        startInfo.Environment["STUB_LOG"] = Log;
        startInfo.Environment["STUB_CAPTURE"] = Captures;

        using var process = Process.Start(startInfo)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return new ProcessResult("create-key-secrets.sh", process.ExitCode, await output + await error);
    }
}
