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
            switch (args[i])
            {
                case "--data-dir" when i + 1 < args.Length:
                    dataDirectory = args[++i];
                    break;
                case var a when a.StartsWith("--data-dir=", StringComparison.Ordinal):
                    dataDirectory = a["--data-dir=".Length..];
                    break;
                case "--no-seed":
                    seed = false;
                    break;
                case "--environment" when i + 1 < args.Length:
                    environment = args[++i];
                    break;
                case var a when a.StartsWith("--environment=", StringComparison.Ordinal):
                    environment = a["--environment=".Length..];
                    break;
                default:
                    remaining.Add(args[i]);
                    break;
            }
        }

        return new CommandLine(Path.GetFullPath(dataDirectory), seed, environment, remaining.ToArray());
    }
}
