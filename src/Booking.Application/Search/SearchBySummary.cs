using Booking.Application.Common;
using Booking.Application.Paging;
using Booking.Application.Storage;
using NodaTime;

namespace Booking.Application.Search;

/// <summary>
/// A search page from the city's <see cref="AvailabilitySummary"/>s: one query of the city's partition, in the order of
/// each practitioner's first free slot (then name, then id), continued by cursor after the last one's sort key. What
/// each shows is its summary's slots still offered now within the dates asked for; a summary past its validity is
/// shown so and refreshed in the background (<see cref="SummaryRefreshQueue"/>). Summaries trail bookings by seconds:
/// booking still decides every race by the day's conditional write.
/// </summary>
public sealed class SearchBySummary(IDocumentStore<AvailabilitySummary> summaries, SummaryRefreshQueue refreshes, PageCursors cursors, TimeProvider time)
{
    public const string List = "search-by-earliest";

    /// <summary>
    /// Whether summaries answer a search from <paramref name="from"/>: they hold the first slots from today, so a window
    /// that starts today everywhere does (no date, or one before today in every time zone); a later one does not.
    /// </summary>
    public static bool Covers(LocalDate? from, Instant now) => from is not { } date || date < now.InUtc().Date.PlusDays(-1);

    public async Task<Outcome<Page<SearchHit>>> PageAsync(SearchWindow window, string? cursor, CancellationToken ct)
    {
        var scope = new PageScope(List, window.ScopeParameters());
        string? after = null;
        if (cursor is not null)
        {
            var position = await cursors.ReadAsync(scope, cursor, ct);
            after = position is null ? null : SummaryOrder.After(position);
            if (after is null)
            {
                return PageCursors.Refused;
            }
        }

        var found = await summaries.QueryPartitionAsync(window.Partition, new SortedQuery(SummaryKeys.Tag(window.VisitType, window.SpecialtyKey), after, window.Limit + 1), ct);
        var (page, more) = PageWindow.Take(found.Select(f => f.Value), window.Limit);
        var now = time.GetCurrentInstant();
        var hits = page.Select(summary => Hit(summary, window, now)).ToList();
        var next = more ? await cursors.IssueAsync(scope, SummaryOrder.Position(page[^1]), ct) : null;
        return new Page<SearchHit>(hits, next);
    }

    private SearchHit Hit(AvailabilitySummary summary, SearchWindow window, Instant now)
    {
        if (summary.ValidUntil <= now)
        {
            refreshes.Request(summary.Practitioner.PractitionerId);
        }

        var first = window.From ?? now.InZone(DateTimeZoneProviders.Tzdb[summary.Practitioner.TimeZone]).Date;
        var last = first.PlusDaysOrLastDate(window.Days - 1);
        var slots = summary.OfferedAt(now).Where(s => s.Date >= first && s.Date <= last).Take(SearchPractitioners.SlotsPerPractitioner);
        return new SearchHit(summary.Practitioner, [.. slots.Select(s => new FreeSlot(s))]);
    }
}
