using Booking.Application.Holds;
using Booking.Application.Common;
using Booking.Application.Practitioners;
using Booking.Application.Search;
using Booking.Application.Storage;
using Booking.Domain.Common;
using Booking.Domain.Practitioners;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Booking.Application.Waitlist;

/// <summary>
/// Offers free slots to waitlisted patients, first come first offered. Not driven by what freed a slot (a cancellation,
/// a reschedule, an erasure, an expired hold or offer, new hours): each run compares, per practitioner with patients
/// waiting, their entries with the slots free now, so nothing a crash interrupted is lost — the next run (the timer, every
/// minute) finds the store as the crash left it and carries on. Per entry, in order of creation: an offer past its time is
/// let go (its slot is never offered to that entry again); an entry without an open offer is offered the earliest free
/// slot of its type on or before its date, by writing the offer to the entry (ETag) and then holding the slot for the
/// patient in the practitioner's day (the conditional write every booking and hold goes through, so an offer and a booking
/// never both win); then the patient is told. Runs may overlap: each step is conditional or idempotent.
/// </summary>
public sealed partial class OfferFreedSlots(
    IDocumentStore<Practitioner> practitioners,
    IDocumentStore<PractitionerDay> days,
    IDocumentStore<WaitlistEntry> entries,
    IDocumentStore<WaitlistWatch> watches,
    SlotCatalog catalog,
    OfferNotifier notifier,
    AvailabilitySummaries summaries,
    IOptions<WaitlistOptions> options,
    TimeProvider time,
    ILogger<OfferFreedSlots> logger)
{
    /// <summary>Every practitioner with patients waiting.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        foreach (var watch in await watches.ReadPartitionAsync(WaitlistKeys.WatchPartition, ct))
        {
            await RunForAsync(watch.Value.PractitionerId, ct);
        }
    }

    /// <summary>One practitioner's waitlist; returns how many offers were made.</summary>
    public async Task<int> RunForAsync(string practitionerId, CancellationToken ct)
    {
        var practitioner = (await practitioners.ReadAsync(PractitionerKeys.Profile(practitionerId), ct))?.Value;
        if (practitioner?.Schedule is null)
        {
            return 0;
        }

        var made = 0;
        var waiting = (await entries.ReadPartitionAsync(WaitlistKeys.EntriesPartition(practitionerId), ct))
            .OrderBy(e => e.Value.Position).ThenBy(e => e.Value.CreatedAt).ThenBy(e => e.Value.WaitlistId, StringComparer.Ordinal);
        foreach (var stored in waiting)
        {
            if (await AdvanceAsync(practitioner, stored, ct))
            {
                made++;
            }
        }

        if (made > 0)
        {
            LogOffers(practitionerId, made);
        }

        return made;
    }

    private async Task<bool> AdvanceAsync(Practitioner practitioner, Versioned<WaitlistEntry> stored, CancellationToken ct)
    {
        var now = time.GetCurrentInstant();
        var entry = stored.Value;
        if (entry.AppointmentId is not null || (!entry.IsActive(now) && entry.Offer is null))
        {
            return false;
        }

        if (entry.Offer is { } open && open.IsOpen(now))
        {
            await KeepAsync(stored, open, now, ct);
            return false;
        }

        var etag = stored.ETag;
        if (entry.Offer is not null)
        {
            entry = entry.PassOffer();
            if (await entries.TryReplaceAsync(stored.Key, entry, etag, entry.ExpiresAt, ct) is not { } passed)
            {
                return false;
            }

            etag = passed;
        }

        if (!entry.IsActive(now) || await FindSlotAsync(practitioner, entry, ct) is not { } placement)
        {
            return false;
        }

        var offer = new WaitlistOffer(OpaqueId.New(), placement, now + Duration.FromMinutes(options.Value.OfferMinutes), Notified: false);
        var offered = entry with { Offer = offer };
        if (await entries.TryReplaceAsync(stored.Key, offered, etag, entry.ExpiresAt, ct) is not { } offeredEtag)
        {
            return false;
        }

        var versioned = new Versioned<WaitlistEntry>(stored.Key, offered, offeredEtag);
        if (!await HoldAsync(offered, offer, now, ct))
        {
            await entries.TryReplaceAsync(stored.Key, entry, offeredEtag, entry.ExpiresAt, ct);
            return false;
        }

        await summaries.RefreshAsync(practitioner, ct); // search no longer shows the held slot, as after any hold
        await NotifyAsync(versioned, ct);
        return true;
    }

    // An open offer from an earlier run: hold its slot if a crash came between writing the offer and holding it,
    // and tell the patient if a crash came before that.
    private async Task KeepAsync(Versioned<WaitlistEntry> stored, WaitlistOffer offer, Instant now, CancellationToken ct)
    {
        var day = await days.ReadAsync(PractitionerKeys.Day(stored.Value.PractitionerId, offer.Placement.Date), ct);
        if (day?.Value.ActiveHolds(now).Any(h => h.HoldId == offer.OfferId) != true && !await HoldAsync(stored.Value, offer, now, ct))
        {
            await entries.TryReplaceAsync(stored.Key, stored.Value with { Offer = null }, stored.ETag, stored.Value.ExpiresAt, ct);
            return;
        }

        if (!offer.Notified)
        {
            await NotifyAsync(stored, ct);
        }
    }

    private async Task NotifyAsync(Versioned<WaitlistEntry> stored, CancellationToken ct)
    {
        if (await notifier.NotifyAsync(stored.Value, ct))
        {
            var notified = stored.Value with { Offer = stored.Value.Offer! with { Notified = true } };
            await entries.TryReplaceAsync(stored.Key, notified, stored.ETag, stored.Value.ExpiresAt, ct);
        }
    }

    private async Task<Domain.Appointments.SlotPlacement?> FindSlotAsync(Practitioner practitioner, WaitlistEntry entry, CancellationToken ct)
    {
        if (OnlineVisitTypes.Find(practitioner.Schedule!, entry.VisitTypeId) is not { } type)
        {
            return null;
        }

        var today = time.GetCurrentInstant().InZone(practitioner.Schedule!.Zone).Date;
        var free = await catalog.FreeSlotsAsync(practitioner, type, today, entry.Before, entry.PassedSlotIds.Count + 1, null, ct);
        return free.Select(s => s.Placement).FirstOrDefault(p => !entry.PassedSlotIds.Contains(p.SlotId));
    }

    private Task<bool> HoldAsync(WaitlistEntry entry, WaitlistOffer offer, Instant now, CancellationToken ct) =>
        DayReservations.ReserveAsync(
            days, entry.PractitionerId, offer.Placement.Date, new PatientHold(offer.OfferId, offer.Placement.Time, entry.PatientId, offer.ExpiresAt), now, ct);

    [LoggerMessage(Level = LogLevel.Information, Message = "Offered {Count} freed slots to the waitlist of practitioner {PractitionerId}")]
    private partial void LogOffers(string practitionerId, int count);
}
