namespace Booking.DevHost;

/// <summary>
/// The local host's own flags, <c>--data-dir DIR</c> and <c>--no-seed</c>; everything else (<c>--urls</c>,
/// <c>--Section:Key=value</c>) is left for the configuration's command-line source.
/// </summary>
public sealed record CommandLine(string DataDirectory, bool Seed, string[] Remaining)
{
    public const string DefaultDataDirectory = ".devhost";

    public static CommandLine Parse(string[] args)
    {
        var dataDirectory = DefaultDataDirectory;
        var seed = true;
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
                default:
                    remaining.Add(args[i]);
                    break;
            }
        }

        return new CommandLine(Path.GetFullPath(dataDirectory), seed, remaining.ToArray());
    }
}
