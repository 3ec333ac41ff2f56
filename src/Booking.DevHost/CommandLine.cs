namespace Booking.DevHost;

/// <summary>
/// The local host's own flags, <c>--data-dir DIR</c>, <c>--no-seed</c> and <c>--environment NAME</c>; everything else
/// (<c>--urls</c>, <c>--Section:Key=value</c>) is left for the configuration's command-line source. The environment is
/// also read, as ASP.NET Core reads it, from <c>ASPNETCORE_ENVIRONMENT</c> or <c>DOTNET_ENVIRONMENT</c>; unset, it is
/// Development, since this is a developer's host.
/// </summary>
public sealed record CommandLine(string DataDirectory, bool Seed, string Environment, string[] Remaining)
{
    public const string DefaultDataDirectory = ".devhost";

    private static readonly string[] EnvironmentVariables = ["ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT"];

    public static CommandLine Parse(string[] args)
    {
        var dataDirectory = DefaultDataDirectory;
        var seed = true;
        var environment = EnvironmentVariables
            .Select(System.Environment.GetEnvironmentVariable)
            .FirstOrDefault(value => !string.IsNullOrWhiteSpace(value)) ?? Environments.Development;
        var remaining = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--no-seed")
            {
                seed = false;
            }
            else if (TakeValue(args, ref i, "--data-dir") is { } directory)
            {
                dataDirectory = directory;
            }
            else if (TakeValue(args, ref i, "--environment") is { } name)
            {
                environment = name;
            }
            else
            {
                remaining.Add(args[i]);
            }
        }

        return new CommandLine(Path.GetFullPath(dataDirectory), seed, environment, remaining.ToArray());
    }

    /// <summary>The value of <paramref name="flag"/> at <paramref name="i"/>, as <c>--flag value</c> (moving past it) or <c>--flag=value</c>.</summary>
    private static string? TakeValue(string[] args, ref int i, string flag)
    {
        if (args[i] == flag && i + 1 < args.Length)
        {
            return args[++i];
        }

        return args[i].StartsWith(flag + "=", StringComparison.Ordinal) ? args[i][(flag.Length + 1)..] : null;
    }
}
