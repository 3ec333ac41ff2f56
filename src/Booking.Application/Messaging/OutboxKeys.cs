using System.Security.Cryptography;
using System.Text;
using Booking.Application.Storage;

namespace Booking.Application.Messaging;

/// <summary>
/// Markers of appointments that may hold unpublished events, spread over a few partitions so the sweeper
/// reads them with single-partition queries instead of scanning every appointment.
/// </summary>
public static class OutboxKeys
{
    public const int Shards = 8;

    public static DocumentKey Marker(string appointmentId) => new(Shard(ShardOf(appointmentId)), appointmentId);

    public static string Shard(int shard) => $"outbox-{shard}";

    private static int ShardOf(string id) => SHA256.HashData(Encoding.UTF8.GetBytes(id))[0] % Shards;
}

/// <summary>
/// "This appointment may have events to publish": written before the change that raises them. <see cref="ToFile"/>: a new
/// appointment, still to be filed under its patient and in the reminder and retention indexes (false in markers written before it).
/// <see cref="Ended"/>: its events went out. <see cref="Marking"/>: a fresh id per marking, which the change then writes into the
/// appointment with its events (<c>Appointment.OutboxMarking</c>), so a publisher knows whether the appointment it read holds the
/// marked change yet. A marker is ended by a write conditional on the version its publisher read, never deleted outright: a change
/// that re-marked the appointment meanwhile (a cancellation right after a booking) keeps its marker.
/// </summary>
public sealed record OutboxMarker(string AppointmentId, NodaTime.Instant Since, bool ToFile = false, bool Ended = false, string? Marking = null);
