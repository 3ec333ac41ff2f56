using System.Globalization;

namespace Booking.LoadDriver;

/// <summary><c>--name value</c> pairs from the command line.</summary>
public sealed class Options(Dictionary<string, string> values)
{
    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        return new Options(values);
    }

    public string Text(string name, string? fallback = null) =>
        values.TryGetValue(name, out var value) ? value : fallback ?? throw new ArgumentException($"--{name} is required.");

    public int Number(string name, int fallback) =>
        values.TryGetValue(name, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    /// <summary>The base address, refused unless it is on loopback: this tool only ever loads a local host.</summary>
    public Uri LoopbackBase()
    {
        var uri = new Uri(Text("base"));
        if (!System.Net.IPAddress.TryParse(uri.Host, out var address) || !System.Net.IPAddress.IsLoopback(address))
        {
            throw new ArgumentException("--base must be a 127.0.0.0/8 address.");
        }

        return uri;
    }
}
