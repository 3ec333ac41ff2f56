using Booking.Application.Common;
using Booking.Application.Practitioners;
using Booking.Application.Storage;
using Booking.Domain.Common;
using Booking.Domain.Practitioners;
using NodaTime;

namespace Booking.Application.Search;

/// <summary>
/// Computes a practitioner's <see cref="AvailabilitySummary"/>s from their schedule and days and writes them: called
/// after registration, publishing and holds (on the request), after bookings, cancellations and reschedules (by the
/// <c>availability-summaries</c> subscription) and for a summary a search found stale (<see cref="SummaryRefreshQueue"/>).
/// A refresh reads the profile and each day of the horizon once, whatever the number of visit types. Of two refreshes
/// the one that started later wins (<see cref="AvailabilitySummary.ComputedAt"/>, by ETag): it read later days.
/// </summary>
public sealed class AvailabilitySummaries(
    IDocumentStore<Practitioner> practitioners, IDocumentStore<PractitionerDay> days, IDocumentStore<AvailabilitySummary> summaries,
    SlotOffers offers, TimeProvider time)
{
    /// <summary>The days a summary covers from today: the longest window a search asks for.</summary>
    public const int HorizonDays = SearchPractitioners.MaxDays;

    public async Task RefreshAsync(string practitionerId, CancellationToken ct)
    {
        if (await practitioners.ReadAsync(PractitionerKeys.Profile(practitionerId), ct) is { } stored)
        {
            await RefreshAsync(stored.Value, ct);
        }
    }

    public async Task RefreshAsync(Practitioner practitioner, CancellationToken ct)
    {
        var now = time.GetCurrentInstant();
        var read = new DaysReadOnce(days);
        var catalog = new SlotCatalog(read, offers, time);
        var profile = practitioner.Profile;
        var zone = practitioner.Schedule?.Zone ?? profile.Zone;
        var today = now.InZone(zone).Date;
        var notice = practitioner.Schedule?.MinNoticeMinutes ?? 0;
        var view = PractitionerView.Of(practitioner);
        var specialtyKey = TextNormalizer.ForMatching(profile.Specialty);

        var typed = new List<AvailabilitySummary>();
        foreach (var type in view.VisitTypes)
        {
            var slots = await catalog.FreeSlotsAsync(practitioner, type, today, today.PlusDays(HorizonDays - 1), SearchPractitioners.SlotsPerPractitioner, null, ct);
            typed.Add(new AvailabilitySummary(view, specialtyKey, type.VisitTypeId, [.. slots.Select(s => s.Placement)], notice, now, now, []));
        }

        // Until then, only a write (an event, a hold, a publish) changes what these summaries would show.
        var heldUntil = read.EarliestHoldExpiry(now) ?? Instant.MaxValue;
        var nextDate = practitioner.Schedule is null ? Instant.MaxValue : today.PlusDays(1).AtStartOfDayInZone(zone).ToInstant();
        AvailabilitySummary Valid(AvailabilitySummary s) => s with
        {
            ValidUntil = Min(heldUntil, s.Slots.Count > 0 ? s.Slots[0].Time.Start - Duration.FromMinutes(notice) : Instant.MaxValue,
                s.Slots.Count < SearchPractitioners.SlotsPerPractitioner ? nextDate : Instant.MaxValue),
        };

        typed = [.. typed.Select(Valid)];
        var first = typed.Count > 0 ? typed[0] with { VisitTypeId = null } : Valid(new AvailabilitySummary(view, specialtyKey, null, [], notice, now, now, []));
        var written = first with { ViewTypeIds = [.. typed.Select(t => t.VisitTypeId!)] };
        foreach (var summary in typed)
        {
            await WriteAsync(profile.City, summary, ct);
        }

        var previous = await WriteAsync(profile.City, written, ct);
        foreach (var gone in previous?.ViewTypeIds.Except(written.ViewTypeIds, StringComparer.Ordinal) ?? [])
        {
            await summaries.DeleteAsync(SummaryKeys.OfType(profile.City, practitioner.Id, gone), ct);
        }
    }

    /// <summary>Writes <paramref name="summary"/> unless a later refresh already did; returns what it replaced (or found newer).</summary>
    private async Task<AvailabilitySummary?> WriteAsync(string city, AvailabilitySummary summary, CancellationToken ct)
    {
        var key = SummaryKeys.Of(city, summary.Practitioner.PractitionerId, summary.VisitTypeId);

        // As hot as the practitioner's days: every hold and booking of theirs refreshes it (120 holds at once lost 1 in 20 attempts).
        for (var attempt = 0; attempt < ConcurrencyLimits.MaxAttemptsOnAHotDocument; attempt++)
        {
            var stored = await summaries.ReadAsync(key, ct);
            if (stored is not null && stored.Value.ComputedAt > summary.ComputedAt)
            {
                return stored.Value;
            }

            var done = await summaries.TryWriteOverAsync(key, stored, summary, null, ct);
            if (done is not null)
            {
                return stored?.Value;
            }

            await ConcurrencyLimits.AfterLostRaceAsync(attempt, ct);
        }

        throw new StoreUnavailableException("A practitioner's availability summary kept changing under concurrent refreshes.");
    }

    private static Instant Min(params Instant[] instants) => instants.Min();
}
