using Booking.Application.Common;
using Booking.Application.Practitioners;
using Booking.Application.Storage;
using Booking.Domain.Appointments;
using Booking.Domain.Practitioners;
using NodaTime;

namespace Booking.Application.Search;

/// <summary>
/// What a practitioner offers: slots of one visit type that their schedule generates within the horizon and
/// past the notice, minus those a held appointment overlaps (of any type: a 30-minute slot needs 30 free
/// minutes). Reads the day documents one per local date until it has enough, or all of a range in one single-partition
/// query (<see cref="DayReads"/>); the slots and their ids come from <see cref="SlotOffers"/>.
/// </summary>
public sealed class SlotCatalog(IDocumentStore<PractitionerDay> days, SlotOffers offers, TimeProvider time)
{
    /// <summary>The free slots of the schedule's first visit type.</summary>
    public Task<IReadOnlyList<FreeSlot>> FreeSlotsAsync(
        Practitioner practitioner, LocalDate from, LocalDate toInclusive, int limit, Instant? startingAfter, CancellationToken ct) =>
        practitioner.Schedule is { } schedule
            ? FreeSlotsAsync(practitioner, schedule.Types[0], from, toInclusive, limit, startingAfter, ct)
            : Task.FromResult<IReadOnlyList<FreeSlot>>([]);

    /// <summary>
    /// The first <paramref name="limit"/> free slots of <paramref name="type"/> from <paramref name="from"/> to <paramref name="toInclusive"/>,
    /// by start, of those starting after <paramref name="startingAfter"/> when given (the dates before its own are not read).
    /// </summary>
    /// <param name="reads">
    /// <see cref="DayReads.EachDate"/>: a point read per date with candidate slots, stopping once <paramref name="limit"/> are found (a
    /// few slots from the first dates); <see cref="DayReads.OneQuery"/>: the held days from the first date with candidate slots to
    /// the last, in one query (a listing of a range).
    /// </param>
    public async Task<IReadOnlyList<FreeSlot>> FreeSlotsAsync(
        Practitioner practitioner, VisitType type, LocalDate from, LocalDate toInclusive, int limit, Instant? startingAfter, CancellationToken ct,
        DayReads reads = DayReads.EachDate)
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
        if (startingAfter is { } after)
        {
            first = LocalDate.Max(first, after.InZone(schedule.Zone).Date);
            earliest = Instant.Max(earliest, after + Duration.Epsilon);
        }

        Dictionary<LocalDate, PractitionerDay>? held = null;
        for (var date = first; date <= last && found.Count < limit; date = date.PlusDays(1))
        {
            var offer = offers.On(practitioner, schedule, type, date);
            if (offer.Slots.Count == 0 || offer.Slots[^1].Start < earliest)
            {
                continue;
            }

            if (reads == DayReads.OneQuery && held is null)
            {
                var range = await days.ReadRangeAsync(
                    practitioner.Id, PractitionerKeys.Day(practitioner.Id, date).Id, PractitionerKeys.Day(practitioner.Id, last).Id, ct);
                held = range.ToDictionary(d => d.Value.Date, d => d.Value);
            }

            var day = held is not null ? held.GetValueOrDefault(date) : (await days.ReadAsync(PractitionerKeys.Day(practitioner.Id, date), ct))?.Value;
            for (var i = 0; i < offer.Slots.Count && found.Count < limit; i++)
            {
                var slot = offer.Slots[i];
                if (slot.Start >= earliest && (day is null || day.IsFree(slot, now)))
                {
                    found.Add(new FreeSlot(Placement(practitioner, schedule, type, offer, date, i)));
                }
            }
        }

        return found;
    }

    /// <summary>
    /// The slot <paramref name="slotId"/> names if the schedule offers it now (within horizon and notice),
    /// whether or not someone holds it; null otherwise. A slot id names its visit type: when
    /// <paramref name="visitTypeId"/> is given, the slot must be one of that type's.
    /// </summary>
    public SlotPlacement? Resolve(Practitioner practitioner, SlotId slotId, string? visitTypeId = null)
    {
        var schedule = practitioner.Schedule;
        if (schedule is null || slotId.PractitionerId != practitioner.Id)
        {
            return null;
        }

        var types = visitTypeId is null ? schedule.Types : schedule.Types.Where(t => t.VisitTypeId == visitTypeId).ToList();
        var now = time.GetCurrentInstant();
        var today = now.InZone(schedule.Zone).Date;
        var earliest = schedule.EarliestBookableStart(now);
        for (var date = today; date <= schedule.LastBookableDate(today); date = date.PlusDays(1))
        {
            // Every type's offer of a date has the date's token; the first type's is cached the longest.
            if (offers.On(practitioner, schedule, schedule.Types[0], date).DayToken != slotId.DayToken)
            {
                continue;
            }

            foreach (var type in types)
            {
                var offer = offers.On(practitioner, schedule, type, date);
                for (var i = 0; i < offer.Slots.Count; i++)
                {
                    if (offer.Slots[i].Start >= earliest && offer.SlotTokens[i] == slotId.SlotToken)
                    {
                        return Placement(practitioner, schedule, type, offer, date, i);
                    }
                }
            }

            return null;
        }

        return null;
    }

    private static SlotPlacement Placement(Practitioner practitioner, WeeklySchedule schedule, VisitType type, DayOffer offer, LocalDate date, int index) =>
        new(SlotIds.Compose(practitioner.Id, offer.DayToken, offer.SlotTokens[index]), date, offer.Slots[index], schedule.TimeZone,
            type.VisitTypeId == VisitType.DefaultId ? null : type.VisitTypeId);
}
