namespace Booking.Infra.Tests;

/// <summary>
/// The resource names the app reads from src/Booking.Functions/appsettings.json. The tests take them from there,
/// not from a copy, so a name changed in the code and not in Azure (or the reverse) fails here.
/// </summary>
public sealed class AppConfiguration
{
    private static readonly JsonDocumentOptions Lenient = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private AppConfiguration(JsonElement root)
    {
        CosmosDatabaseName = root.StringAt("Cosmos", "DatabaseName")
            ?? throw new InvalidOperationException("appsettings.json has no Cosmos:DatabaseName.");
        CosmosContainers = Section(root, "Cosmos", "Containers");
        ServiceBus = Section(root, "ServiceBus");
        AccessLogContainer = root.StringAt("AccessLog", "Container")
            ?? throw new InvalidOperationException("appsettings.json has no AccessLog:Container.");
    }

    public string CosmosDatabaseName { get; }

    /// <summary>Container setting key (e.g. "Appointments") to container name.</summary>
    public IReadOnlyDictionary<string, string> CosmosContainers { get; }

    /// <summary>Service Bus setting key (e.g. "AppointmentEventsTopic") to entity name.</summary>
    public IReadOnlyDictionary<string, string> ServiceBus { get; }

    public string AccessLogContainer { get; }

    public static AppConfiguration Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path), Lenient);
        return new AppConfiguration(document.RootElement);
    }

    public string ServiceBusName(string key) =>
        ServiceBus.TryGetValue(key, out var name)
            ? name
            : throw new InvalidOperationException($"appsettings.json has no ServiceBus:{key}.");

    private static Dictionary<string, string> Section(JsonElement root, params string[] path)
    {
        var section = root.At(path) ?? throw new InvalidOperationException($"appsettings.json has no {string.Join(':', path)}.");
        return section.EnumerateObject()
            .Where(property => property.Value.ValueKind == JsonValueKind.String)
            .ToDictionary(property => property.Name, property => property.Value.GetString()!, StringComparer.Ordinal);
    }
}
