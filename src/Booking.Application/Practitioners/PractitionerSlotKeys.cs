using Booking.Application.Common;
using System.Collections.Concurrent;
using Booking.Domain.Practitioners;
using NodaTime;

namespace Booking.Application.Practitioners;

/// <summary>
/// The slot keys of the practitioners this instance has read, so that a booking knows the date its slot id names before it
/// reads the practitioner, and reads the profile and that day together. Safe to keep: a slot key is fixed at registration and
/// never changes, and it only turns a day token into a date; the booking still checks the slot against the profile it reads.
/// Bounded: past <see cref="Capacity"/> practitioners it starts again empty.
/// </summary>
public sealed class PractitionerSlotKeys(TimeProvider time)
{
    public const int Capacity = 16_384;

    private readonly ConcurrentDictionary<string, SlotIds> _known = new(StringComparer.Ordinal);

    public void Remember(Practitioner practitioner)
    {
        if (_known.ContainsKey(practitioner.Id))
        {
            return;
        }

        if (_known.Count >= Capacity)
        {
            _known.Clear();
        }

        _known[practitioner.Id] = practitioner.SlotIds;
    }

    /// <summary>
    /// The practitioner's local date <paramref name="slot"/> names, when this instance knows their key: searched over every
    /// date a schedule can offer from today in any time zone (a day before UTC's to the longest horizon after it).
    /// </summary>
    public LocalDate? DateOf(SlotId slot)
    {
        if (!_known.TryGetValue(slot.PractitionerId, out var ids))
        {
            return null;
        }

        var utcToday = time.GetCurrentInstant().InUtc().Date;
        return ids.DateOf(slot.DayToken, utcToday.PlusDays(-1), utcToday.PlusDays(WeeklySchedule.MaxHorizonDays + 1));
    }
}
