using Booking.Application.Common;
using Booking.Application.Practitioners;
using Booking.Application.Storage;
using Booking.Domain.Common;
using Booking.Domain.Practitioners;
using NodaTime;

namespace Booking.Application.Search;

public sealed record ListFreeSlotsQuery(string PractitionerId, string? From, string? To, string? VisitType = null);

public sealed record FreeSlotList(string PractitionerId, string TimeZone, IReadOnlyList<FreeSlot> Slots);

/// <summary>
/// Anyone lists a practitioner's free slots of one visit type (default: the first bookable online) between two
/// local dates, both included (at most 31 days).
/// </summary>
public sealed class ListFreeSlots(IDocumentStore<Practitioner> practitioners, SlotCatalog catalog, TimeProvider time)
{
    public const int MaxRangeDays = 31;
    public const int DefaultRangeDays = 7;

    public async Task<Outcome<FreeSlotList>> HandleAsync(ListFreeSlotsQuery query, CancellationToken ct)
    {
        var errors = new List<DomainError>();
        LocalDate? from = query.From is null ? null : ScheduleParser.ParseDate(query.From, "from", errors);
        LocalDate? to = query.To is null ? null : ScheduleParser.ParseDate(query.To, "to", errors);
        if (errors.Count > 0)
        {
            return Failure.Validation(errors);
        }

        var stored = OpaqueId.IsWellFormed(query.PractitionerId)
            ? await practitioners.ReadAsync(PractitionerKeys.Profile(query.PractitionerId), ct)
            : null;
        if (stored is null)
        {
            return Failure.NotFound("practitioner");
        }

        var practitioner = stored.Value;
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
            return new FreeSlotList(practitioner.Id, practitioner.Profile.TimeZone, []);
        }

        var type = OnlineVisitTypes.Find(practitioner.Schedule, query.VisitType);
        if (type is null)
        {
            return Failure.Validation("visitType", "visitType must name a visit type this practitioner offers online.");
        }

        var slots = await catalog.FreeSlotsAsync(practitioner, type, first, last, int.MaxValue, ct);
        return new FreeSlotList(practitioner.Id, practitioner.Profile.TimeZone, slots);
    }
}
