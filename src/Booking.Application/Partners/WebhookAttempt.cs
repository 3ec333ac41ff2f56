using Booking.Application.Storage;
using NodaTime;

namespace Booking.Application.Partners;

/// <summary>One attempt to deliver one event to a partner's webhook: the partner's delivery log. Ids and status codes only.</summary>
public sealed record WebhookAttempt(string EventId, string AppointmentId, int Attempt, Instant At, int? StatusCode, string? Error, bool Delivered)
{
    public static string Partition(string partnerId) => "webhooks:" + partnerId;

    public static DocumentKey Key(string partnerId, string eventId, int attempt) => new(Partition(partnerId), $"{eventId}:{attempt:000}");

    public static DocumentKey DeliveredKey(string partnerId, string eventId) => new(Partition(partnerId), $"{eventId}:delivered");
}
