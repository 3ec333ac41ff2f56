using Booking.Application.Common;
using Booking.Application.Practitioners;
using Booking.Application.Storage;
using Booking.Domain.Appointments;
using Booking.Domain.Practitioners;
using NodaTime;

namespace Booking.Application.Booking;

/// <summary>
/// What a booking reads before it holds its slot: the practitioner's profile and the day of the slot. When this instance
/// knows the practitioner's slot key (<see cref="PractitionerSlotKeys"/>), the slot id names its date before the profile is
/// read, and both come in one request of their partition; otherwise the profile is read alone (and its key kept) and the
/// day after it.
/// </summary>
public sealed class BookingSlotReader(
    IDocumentStore<Practitioner> practitioners, IDocumentStore<PractitionerDay> days, PractitionerSlotKeys slotKeys, TimeProvider time)
{
    public async Task<BookingSlotReading> ReadAsync(SlotId slot, CancellationToken ct)
    {
        var profile = PractitionerKeys.Profile(slot.PractitionerId);
        if (slotKeys.DateOf(slot) is { } date)
        {
            var (practitioner, day) = await practitioners.ReadWithAsync(profile, days, PractitionerKeys.Day(slot.PractitionerId, date).Id, ct);
            return new BookingSlotReading(practitioner?.Value, date, new DayReading(day, time.GetCurrentInstant()));
        }

        var read = (await practitioners.ReadAsync(profile, ct))?.Value;
        if (read is not null)
        {
            slotKeys.Remember(read);
        }

        return new BookingSlotReading(read, null, null);
    }
}

/// <summary>The practitioner (null: none) and, when it was read with it, the day of <see cref="Date"/>.</summary>
public sealed record BookingSlotReading(Practitioner? Practitioner, LocalDate? Date, DayReading? Day)
{
    /// <summary>The day read with the practitioner when it is the placement's; null when it still has to be read.</summary>
    public DayReading? DayOf(SlotPlacement placement) => Date == placement.Date ? Day : null;
}
