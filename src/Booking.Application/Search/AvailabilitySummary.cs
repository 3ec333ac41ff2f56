using Booking.Domain.Common;
using System.Text.Json.Serialization;
using Booking.Application.Practitioners;
using Booking.Application.Storage;
using Booking.Domain.Appointments;
using NodaTime;

namespace Booking.Application.Search;

/// <summary>
/// What a search shows of one practitioner, filed in their city's partition beside the directory so that a search page
/// is one query (<see cref="SummaryKeys"/>): the public profile, the specialty as matched, and the first free slots of
/// one visit type (<see cref="VisitTypeId"/>; null: the default view, the schedule's first online type, kept for
/// searches without a type) from when it was computed, within the search horizon. Public data only: no patient, no
/// appointment. <see cref="ValidUntil"/> is when it may first be wrong through the passing of time alone (its first slot
/// leaves the notice, a hold of a read day expires, the horizon reaches a new date while it shows fewer slots than a
/// search does); a search drops slots that have passed and has it refreshed. <see cref="ViewTypeIds"/> (default view
/// only) names the typed views written beside it, so a refresh removes those of types no longer online.
/// </summary>
public sealed record AvailabilitySummary(
    PractitionerView Practitioner,
    string SpecialtyKey,
    string? VisitTypeId,
    IReadOnlyList<SlotPlacement> Slots,
    int NoticeMinutes,
    Instant ComputedAt,
    Instant ValidUntil,
    IReadOnlyList<string> ViewTypeIds) : ISortedDocument
{
    /// <summary>The start of the first free slot: the search's order. Null when none is free within the horizon (sorted last).</summary>
    [JsonIgnore]
    public Instant? Earliest => Slots.Count == 0 ? null : Slots[0].Time.Start;

    [JsonIgnore]
    public string SortKey => SummaryOrder.Key(Earliest, Practitioner.DisplayName, Practitioner.PractitionerId);

    [JsonIgnore]
    public IReadOnlyList<string> Tags => [SummaryKeys.Tag(VisitTypeId, null), SummaryKeys.Tag(VisitTypeId, SpecialtyKey)];

    /// <summary>The slots still offered at <paramref name="now"/>: those starting at least the notice later.</summary>
    public IEnumerable<SlotPlacement> OfferedAt(Instant now) => Slots.Where(s => s.Time.Start >= now + Duration.FromMinutes(NoticeMinutes));
}
