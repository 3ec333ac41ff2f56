using Booking.Application.Common;
using Booking.Application.Paging;
using Booking.Application.Practitioners;
using Booking.Application.Storage;
using Booking.Domain.Common;
using Booking.Domain.Practitioners;
using NodaTime;

namespace Booking.Application.Search;

public sealed record SearchPractitionersQuery(string? City, string? Specialty, string? From, string? Days, PageRequest Page, string? VisitType = null);

public sealed record SearchHit(PractitionerView Practitioner, IReadOnlyList<FreeSlot> FirstFreeSlots);

/// <summary>
/// Anyone finds practitioners in a city (and of a specialty), both matched as <see cref="TextNormalizer"/> folds them
/// (case, accents, ligatures, apostrophes, dashes and spaces don't count), each with their first free slots (of
/// <c>visitType</c> when given: practitioners offering no such type online are left out; else of each one's first
/// online type), a page at a time. City is required: the directory is filed by city, so a
/// search reads one partition. From today (no <c>from</c>), a page is one query of the city's availability summaries,
/// by first free slot (<see cref="SearchBySummary"/>). From a later date, which the summaries do not hold, a page is
/// read as before: the directory by display name (then id), then the practitioners of the page with their days (and
/// practitioners offering no such type are left out after the page is cut, so it may hold fewer hits than its limit).
/// </summary>
public sealed class SearchPractitioners(
    IDocumentStore<DirectoryEntry> directory, IDocumentStore<Practitioner> practitioners, SlotCatalog catalog, SearchBySummary bySummary,
    PageCursors cursors, TimeProvider time)
{
    public const int MaxDays = 14;
    public const int DefaultDays = 7;
    public const int SlotsPerPractitioner = 3;

    public async Task<Outcome<Page<SearchHit>>> HandleAsync(SearchPractitionersQuery query, CancellationToken ct)
    {
        var errors = new List<DomainError>();
        var city = Text.Required(query.City, "city", PractitionerProfile.MaxCityLength, errors);
        var specialty = Text.Optional(query.Specialty, "specialty", PractitionerProfile.MaxSpecialtyLength, errors);
        LocalDate? from = query.From is null ? null : ScheduleParser.ParseDate(query.From, "from", errors);
        var days = DefaultDays;
        if (query.Days is not null && (!int.TryParse(query.Days, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out days) || days < 1 || days > MaxDays))
        {
            errors.Add(new DomainError("out-of-range", $"days must be a whole number from 1 to {MaxDays}.", "days"));
        }

        var limit = PageSize.Items.Parse(query.Page.Limit, errors);
        if (errors.Count > 0)
        {
            return Failure.Validation(errors);
        }

        var specialtyKey = string.IsNullOrEmpty(specialty) ? null : TextNormalizer.ForMatching(specialty);
        var window = new SearchWindow(PractitionerKeys.DirectoryPartition(city!), specialtyKey, from, days, query.VisitType, limit);
        return SearchBySummary.Covers(from, time.GetCurrentInstant())
            ? await bySummary.PageAsync(window, query.Page.Cursor, ct)
            : await ByDirectoryAsync(window, query, ct);
    }

    private async Task<Outcome<Page<SearchHit>>> ByDirectoryAsync(SearchWindow window, SearchPractitionersQuery query, CancellationToken ct)
    {
        var (partition, specialtyKey, from, days, _, limit) = window;
        var scope = new PageScope("search", window.ScopeParameters());
        var after = query.Page.Cursor is null ? null : await cursors.ReadAsync(scope, query.Page.Cursor, ct);
        if (query.Page.Cursor is not null && after?.Id is null)
        {
            return PageCursors.Refused;
        }

        var entries = (await directory.ReadPartitionAsync(partition, ct)).Select(e => e.Value)
            .Where(e => specialtyKey is null || e.SpecialtyKey == specialtyKey)
            .OrderBy(e => e.DisplayName, StringComparer.Ordinal)
            .ThenBy(e => e.PractitionerId, StringComparer.Ordinal)
            .ToList();
        // Directory entries are never removed: the last practitioner of a page is still there to continue after.
        var start = after is null ? 0 : entries.FindIndex(e => e.PractitionerId == after.Id) + 1;
        if (start == 0 && after is not null)
        {
            return PageCursors.Refused;
        }

        var (page, more) = PageWindow.Take(entries.Skip(start), limit);
        var hits = new List<SearchHit>();
        foreach (var entry in page)
        {
            var stored = await practitioners.ReadAsync(PractitionerKeys.Profile(entry.PractitionerId), ct);
            if (stored is null)
            {
                continue;
            }

            var practitioner = stored.Value;
            var type = practitioner.Schedule is null ? null : OnlineVisitTypes.Find(practitioner.Schedule, query.VisitType);
            if (type is null)
            {
                if (query.VisitType is null)
                {
                    hits.Add(new SearchHit(PractitionerView.Of(practitioner), []));
                }

                continue;
            }

            var first = from ?? time.GetCurrentInstant().InZone(practitioner.Profile.Zone).Date;
            var slots = await catalog.FreeSlotsAsync(practitioner, type, first, first.PlusDaysOrLastDate(days - 1), SlotsPerPractitioner, null, ct);
            hits.Add(new SearchHit(PractitionerView.Of(practitioner), slots));
        }

        var next = more ? await cursors.IssueAsync(scope, new PagePosition(null, page[^1].PractitionerId), ct) : null;
        return new Page<SearchHit>(hits, next);
    }
}
