using System.Text.Json;

namespace Booking.Tests.Shared.Infra;

public static class JsonElementExtensions
{
    /// <summary>The element at a path of property names, or null when any step is missing.</summary>
    public static JsonElement? At(this JsonElement element, params string[] path)
    {
        var current = element;
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return null;
            }
        }

        return current;
    }

    public static string? StringAt(this JsonElement element, params string[] path) =>
        element.At(path) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public static bool? BoolAt(this JsonElement element, params string[] path) =>
        element.At(path) is { ValueKind: JsonValueKind.True or JsonValueKind.False } value ? value.GetBoolean() : null;

    public static int? IntAt(this JsonElement element, params string[] path) =>
        element.At(path) is { ValueKind: JsonValueKind.Number } value ? value.GetInt32() : null;

    public static IEnumerable<JsonElement> ArrayAt(this JsonElement element, params string[] path) =>
        element.At(path) is { ValueKind: JsonValueKind.Array } value ? value.EnumerateArray() : [];
}
