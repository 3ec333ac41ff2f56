using System.Text.Json;
using Booking.Application.Common;
using Booking.Domain.Appointments;
using NodaTime;

namespace Booking.Application.Messaging;

/// <summary>The body of an <c>appointment-events</c> message, exactly as API.md gives it: ids and a time, never personal data.</summary>
public sealed record EventMessage(string EventId, AppointmentEventType Type, string AppointmentId, Instant OccurredAt)
{
    public static BusMessage ToBus(AppointmentEvent e) => new(
        e.EventId,
        JsonSerializer.Serialize(new EventMessage(e.EventId, e.Type, e.AppointmentId, e.OccurredAt), EventJson.Options),
        new Dictionary<string, string> { ["type"] = e.Type.ToString() });

    public static EventMessage? Parse(string body)
    {
        try
        {
            return JsonSerializer.Deserialize<EventMessage>(body, EventJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>Event types travel by their PascalCase names (<c>AppointmentConfirmed</c>), as API.md writes them.</summary>
internal static class EventJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonDefaults.Options);
        for (var i = options.Converters.Count - 1; i >= 0; i--)
        {
            if (options.Converters[i] is System.Text.Json.Serialization.JsonStringEnumConverter)
            {
                options.Converters.RemoveAt(i);
            }
        }

        options.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
        options.MakeReadOnly();
        return options;
    }
}
