using Booking.Application.Common;
using Booking.Application.Practitioners;
using Booking.Application.Storage;
using Booking.Domain.Appointments;
using Booking.Domain.Practitioners;
using NodaTime;

namespace Booking.Application.Search;

/// <summary>
/// What a practitioner offers: slots their schedule generates within the horizon and past the notice,
/// minus those a held appointment overlaps. Reads one day document per local date.
/// </summary>
public sealed class SlotCatalog(IDocumentStore<PractitionerDay> days, TimeProvider time)
{
    public async Task<IReadOnlyList<FreeSlot>> FreeSlotsAsync(
        Practitioner practitioner, LocalDate from, LocalDate toInclusive, int limit, CancellationToken ct)
    {
        var schedule = practitioner.Schedule;
        var found = new List<FreeSlot>();
        if (schedule is null)
        {
            return found;
        }

        var now = time.GetCurrentInstant();
        var today = now.InZone(schedule.Zone).Date;
        var first = LocalDate.Max(from, today);
        var last = LocalDate.Min(toInclusive, schedule.LastBookableDate(today));
        var earliest = schedule.EarliestBookableStart(now);
        var ids = practitioner.SlotIds;
        for (var date = first; date <= last && found.Count < limit; date = date.PlusDays(1))
        {
            var candidates = SlotGenerator.SlotsOn(schedule, date).Where(s => s.Start >= earliest).ToList();
            if (candidates.Count == 0)
            {
                continue;
            }

            var day = await days.ReadAsync(PractitionerKeys.Day(practitioner.Id, date), ct);
            foreach (var slot in candidates.Where(s => day is null || day.Value.IsFree(s)).Take(limit - found.Count))
            {
                found.Add(new FreeSlot(new SlotPlacement(ids.For(date, slot), date, slot, schedule.TimeZone)));
            }
        }

        return found;
    }

    /// <summary>
    /// The slot <paramref name="slotId"/> names if the schedule offers it now (within horizon and notice),
    /// whether or not someone holds it; null otherwise.
    /// </summary>
    public SlotPlacement? Resolve(Practitioner practitioner, SlotId slotId)
    {
        var schedule = practitioner.Schedule;
        if (schedule is null || slotId.PractitionerId != practitioner.Id)
        {
            return null;
        }

        var now = time.GetCurrentInstant();
        var today = now.InZone(schedule.Zone).Date;
        var earliest = schedule.EarliestBookableStart(now);
        var ids = practitioner.SlotIds;
        for (var date = today; date <= schedule.LastBookableDate(today); date = date.PlusDays(1))
        {
            if (ids.DayToken(date) != slotId.DayToken)
            {
                continue;
            }

            var slot = SlotGenerator.SlotsOn(schedule, date)
                .Where(s => s.Start >= earliest)
                .FirstOrDefault(s => ids.SlotToken(s) == slotId.SlotToken);
            return slot == default ? null : new SlotPlacement(slotId.ToString(), date, slot, schedule.TimeZone);
        }

        return null;
    }
}
