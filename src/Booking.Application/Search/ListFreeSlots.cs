using Booking.Application.Common;
using Booking.Application.Paging;
using Booking.Application.Practitioners;
using Booking.Application.Storage;
using Booking.Domain.Common;
using Booking.Domain.Practitioners;
using NodaTime;

namespace Booking.Application.Search;

public sealed record ListFreeSlotsQuery(string PractitionerId, string? From, string? To, PageRequest Page, string? VisitType = null);

/// <summary>A page of free slots; <see cref="Next"/> continues within the same range, null on the last page.</summary>
public sealed record FreeSlotList(string PractitionerId, string TimeZone, IReadOnlyList<FreeSlot> Slots, string? Next);

/// <summary>
/// Anyone lists a practitioner's free slots of one visit type (default: the first bookable online) between two local dates, both included (at most 31 days), a page at a
/// time by start: the practitioner, then the held days of the page's range in one single-partition query (2 operations).
/// </summary>
public sealed class ListFreeSlots(IDocumentStore<Practitioner> practitioners, SlotCatalog catalog, PageCursors cursors, PractitionerSlotKeys slotKeys, TimeProvider time)
{
    public const int MaxRangeDays = 31;
    public const int DefaultRangeDays = 7;

    public async Task<Outcome<FreeSlotList>> HandleAsync(ListFreeSlotsQuery query, CancellationToken ct)
    {
        var errors = new List<DomainError>();
        LocalDate? from = query.From is null ? null : ScheduleParser.ParseDate(query.From, "from", errors);
        LocalDate? to = query.To is null ? null : ScheduleParser.ParseDate(query.To, "to", errors);
        var limit = PageSize.Slots.Parse(query.Page.Limit, errors);
        if (errors.Count > 0)
        {
            return Failure.Validation(errors);
        }

        // Bound to the dates as asked: with a default `from`, a listing continued after midnight goes on from where it was.
        var scope = new PageScope("slots", query.PractitionerId, Iso(from), Iso(to), query.VisitType ?? "");
        var after = query.Page.Cursor is null ? null : await cursors.ReadAsync(scope, query.Page.Cursor, ct);
        if (query.Page.Cursor is not null && after?.At is null)
        {
            return PageCursors.Refused;
        }

        var stored = OpaqueId.IsWellFormed(query.PractitionerId)
            ? await practitioners.ReadAsync(PractitionerKeys.Profile(query.PractitionerId), ct)
            : null;
        if (stored is null)
        {
            return Failure.NotFound("practitioner");
        }

        var practitioner = stored.Value;
        slotKeys.Remember(practitioner); // a booking of one of these slots then reads the profile and the day together
        var today = time.GetCurrentInstant().InZone(practitioner.Profile.Zone).Date;
        var first = from ?? today;
        var last = to ?? first.PlusDaysOrLastDate(DefaultRangeDays - 1);
        if (last < first)
        {
            return Failure.Validation("to", "to must not be before from.");
        }

        if (Period.Between(first, last, PeriodUnits.Days).Days + 1 > MaxRangeDays)
        {
            return Failure.Validation("to", $"The range may span at most {MaxRangeDays} days.");
        }

        if (practitioner.Schedule is null)
        {
            return new FreeSlotList(practitioner.Id, practitioner.Profile.TimeZone, [], null);
        }

        var type = OnlineVisitTypes.Find(practitioner.Schedule, query.VisitType);
        if (type is null)
        {
            return Failure.Validation("visitType", "visitType must name a visit type this practitioner offers online.");
        }

        var (page, more) = PageWindow.Take(await catalog.FreeSlotsAsync(practitioner, type, first, last, limit + 1, after?.At, ct, DayReads.OneQuery), limit);
        var next = more ? await cursors.IssueAsync(scope, new PagePosition(page[^1].Placement.Time.Start, null), ct) : null;
        return new FreeSlotList(practitioner.Id, practitioner.Profile.TimeZone, page, next);
    }

    private static string Iso(LocalDate? date) => date?.ToString("uuuu-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
