using System.Globalization;
using Booking.Application.Storage;
using NodaTime;

namespace Booking.Application.Retention;

/// <summary>
/// "This appointment ends at <see cref="End"/>": the index the purge reads, one partition per UTC day of the
/// end, so expired appointments are found without scanning. Written before an appointment is created or moved;
/// an entry whose appointment has since moved later is stale and dropped (the move wrote a new one).
/// </summary>
public sealed record AppointmentRetention(string AppointmentId, Instant End)
{
    public static DocumentKey Key(string appointmentId, Instant end) =>
        new(Day(end.InUtc().Date), $"{appointmentId}:{end.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}");

    public static string Day(LocalDate endDate) => "ends-" + endDate.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>The last UTC day whose ended appointments the purge has fully handled.</summary>
public sealed record PurgeCursor(LocalDate LastDay)
{
    public static readonly DocumentKey Key = new("purge-cursor", "appointments");
}
