namespace Booking.ServiceBusStandIn.Security;

/// <summary>
/// The audiences a connection holds a valid CBS token for. Service Bus refuses a link to an entity the
/// connection has no token for; so does the stand-in.
/// </summary>
internal sealed class ConnectionAuthorization
{
    private readonly object sync = new();
    private readonly Dictionary<string, DateTimeOffset> audiences = new(StringComparer.OrdinalIgnoreCase);

    public void Grant(string audience, DateTimeOffset expiresAt)
    {
        lock (sync)
        {
            audiences[PathOf(audience)] = expiresAt;
        }
    }

    /// <summary>True when a token covers the entity path (same path, or a parent path such as the namespace).</summary>
    public bool Covers(string entityPath, DateTimeOffset now)
    {
        lock (sync)
        {
            return audiences.Any(pair => pair.Value > now
                && (pair.Key.Length == 0
                    || string.Equals(pair.Key, entityPath, StringComparison.OrdinalIgnoreCase)
                    || entityPath.StartsWith(pair.Key + "/", StringComparison.OrdinalIgnoreCase)));
        }
    }

    private static string PathOf(string audience) =>
        Uri.TryCreate(audience, UriKind.Absolute, out var uri)
            ? Uri.UnescapeDataString(uri.AbsolutePath).Trim('/')
            : audience.Trim('/');
}
