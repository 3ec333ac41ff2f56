using System.Globalization;
using Booking.Application.Storage;
using NodaTime;

namespace Booking.Application.Reminders;

/// <summary>
/// "This appointment, starting at <see cref="Start"/>, is due a reminder 24 hours before": the index the
/// reminder timer reads instead of scanning appointments. Entries are filed by the UTC hour in which they fall
/// due (one partition per hour, read by single-partition queries), expire when the appointment starts, and are
/// deleted once handled. An appointment moved elsewhere gets a new entry; the old one is found stale and dropped.
/// </summary>
public sealed record ReminderDue(string AppointmentId, Instant Start)
{
    public static readonly Duration Lead = Duration.FromHours(24);

    public Instant DueAt => Start - Lead;

    public static DocumentKey Key(string appointmentId, Instant start) =>
        new(Bucket(start - Lead), $"{appointmentId}:{start.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}");

    /// <summary>The partition of the entries falling due in the UTC hour of <paramref name="dueAt"/>.</summary>
    public static string Bucket(Instant dueAt) => "due-" + dueAt.InUtc().ToString("uuuuMMddHH", CultureInfo.InvariantCulture);

    /// <summary>The delivery id that makes a reminder for this start go once per channel (a moved appointment is reminded again).</summary>
    public string DeliveryId => $"reminder-{AppointmentId}-{Start.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}";
}
