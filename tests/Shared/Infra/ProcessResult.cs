namespace Booking.Tests.Shared.Infra;

/// <summary>What a CLI run printed (standard output and error together) and how it exited.</summary>
public sealed record ProcessResult(string Command, int ExitCode, string Output)
{
    /// <summary>Bicep exits 0 even when it reports warnings, so the text decides.</summary>
    public bool IsClean =>
        ExitCode == 0
        && !Output.Contains("Warning", StringComparison.Ordinal)
        && !Output.Contains("Error", StringComparison.Ordinal);

    public override string ToString() => $"{Command} (exit {ExitCode}){Environment.NewLine}{Output}";
}
