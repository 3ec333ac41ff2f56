using Booking.Domain.Practitioners;
using NodaTime;

namespace Booking.Domain.Appointments;

/// <summary>
/// Where an appointment sits: its slot's id and time, the practitioner's local date the slot belongs to,
/// and the practitioner's zone when it was booked (times are shown with that zone's offset).
/// <see cref="VisitTypeId"/> is the visit type the slot was offered for (null: booked before visit types, the default type).
/// </summary>
public sealed record SlotPlacement(string SlotId, LocalDate Date, SlotTime Time, string TimeZone, string? VisitTypeId = null)
{
    public OffsetDateTime LocalStart => Time.Start.InZone(DateTimeZoneProviders.Tzdb[TimeZone]).ToOffsetDateTime();

    public OffsetDateTime LocalEnd => Time.End.InZone(DateTimeZoneProviders.Tzdb[TimeZone]).ToOffsetDateTime();
}
