using System.Text.Json;

namespace Booking.DevHost;

/// <summary>Reads the route prefix from the function app's host.json, as the Functions host does ("api" when unset).</summary>
public static class HostJson
{
    public static string RoutePrefix(string baseDirectory)
    {
        var path = Path.Combine(baseDirectory, "host.json");
        if (!File.Exists(path))
        {
            return "api";
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.TryGetProperty("extensions", out var extensions)
               && extensions.TryGetProperty("http", out var http)
               && http.TryGetProperty("routePrefix", out var prefix)
            ? prefix.GetString() ?? string.Empty
            : "api";
    }
}
