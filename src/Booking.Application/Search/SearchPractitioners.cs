using Booking.Application.Common;
using Booking.Application.Practitioners;
using Booking.Application.Storage;
using Booking.Domain.Common;
using Booking.Domain.Practitioners;
using NodaTime;

namespace Booking.Application.Search;

public sealed record SearchPractitionersQuery(string? City, string? Specialty, string? From, string? Days, string? VisitType = null);

public sealed record SearchHit(PractitionerView Practitioner, IReadOnlyList<FreeSlot> FirstFreeSlots);

/// <summary>
/// Anyone finds practitioners in a city (and of a specialty), matching case and accents loosely, each with
/// their first free slots from a date (of <c>visitType</c> when given: practitioners who offer no such type
/// online are left out; else of each one's first online type). City is required: the directory is filed by city, so a search reads one partition.
/// </summary>
public sealed class SearchPractitioners(
    IDocumentStore<DirectoryEntry> directory, IDocumentStore<Practitioner> practitioners, SlotCatalog catalog, TimeProvider time)
{
    public const int MaxDays = 14;
    public const int DefaultDays = 7;
    public const int SlotsPerPractitioner = 3;

    public async Task<Outcome<IReadOnlyList<SearchHit>>> HandleAsync(SearchPractitionersQuery query, CancellationToken ct)
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

        if (errors.Count > 0)
        {
            return Failure.Validation(errors);
        }

        var specialtyKey = string.IsNullOrEmpty(specialty) ? null : TextNormalizer.ForMatching(specialty);
        var entries = await directory.ReadPartitionAsync(PractitionerKeys.DirectoryPartition(city!), ct);
        var hits = new List<SearchHit>();
        foreach (var entry in entries.Select(e => e.Value)
                     .Where(e => specialtyKey is null || e.SpecialtyKey == specialtyKey)
                     .OrderBy(e => e.DisplayName, StringComparer.Ordinal))
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

            var start = from ?? time.GetCurrentInstant().InZone(practitioner.Profile.Zone).Date;
            var slots = await catalog.FreeSlotsAsync(practitioner, type, start, start.PlusDaysOrLastDate(days - 1), SlotsPerPractitioner, ct);
            hits.Add(new SearchHit(PractitionerView.Of(practitioner), slots));
        }

        return hits;
    }
}
