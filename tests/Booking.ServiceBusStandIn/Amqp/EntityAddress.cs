namespace Booking.ServiceBusStandIn.Amqp;

/// <summary>
/// A link address as the SDK writes it ("/queue", "/topic/Subscriptions/sub/$DeadLetterQueue", "queue/$management",
/// "$cbs", or a full URI), reduced to an entity path.
/// </summary>
internal static class EntityAddress
{
    public const string Cbs = "$cbs";
    public const string ManagementSuffix = "/$management";

    public static string Normalize(object? address)
    {
        var text = address?.ToString() ?? string.Empty;
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "sb" or "amqp" or "amqps")
        {
            text = Uri.UnescapeDataString(uri.AbsolutePath);
        }

        return text.Trim('/');
    }

    public static bool IsManagement(string path, out string entityPath)
    {
        if (path.EndsWith(ManagementSuffix, StringComparison.OrdinalIgnoreCase))
        {
            entityPath = path[..^ManagementSuffix.Length];
            return true;
        }

        entityPath = path;
        return false;
    }
}
