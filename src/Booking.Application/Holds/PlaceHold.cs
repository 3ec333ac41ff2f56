using Booking.Application.Common;
using Booking.Application.Practitioners;
using Booking.Application.Search;
using Booking.Application.Storage;
using Booking.Domain.Common;
using Booking.Domain.Practitioners;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Booking.Application.Holds;

public sealed record PlaceHoldCommand(string? SlotId, string? VisitTypeId);

public sealed record HoldReceipt(string HoldId, string SlotId, Instant ExpiresAt);

/// <summary>
/// A patient holds a free slot for <see cref="HoldOptions.Minutes"/> while filling in the booking form. The patient's
/// ledger is written first (the per-patient limit, by ETag), then the hold goes into the practitioner's day by the same
/// conditional write as a booking, so a hold and a booking of one slot never both win.
/// </summary>
public sealed class PlaceHold(
    IDocumentStore<Practitioner> practitioners, IDocumentStore<PractitionerDay> days, IDocumentStore<HoldLedger> ledgers,
    SlotCatalog catalog, IOptions<HoldOptions> options, TimeProvider time, AvailabilitySummaries summaries)
{
    public static Failure TooManyHolds(int max) => new(FailureKind.Conflict, "too-many-holds", $"A patient may hold at most {max} slots at once. Book or release one first.");

    public async Task<Outcome<HoldReceipt>> HandleAsync(Caller caller, PlaceHoldCommand command, CancellationToken ct)
    {
        if (caller.Role != Role.Patient)
        {
            return Failure.Forbidden("Only patients hold slots.");
        }

        var slotId = SlotId.TryParse(command.SlotId);
        if (slotId is null)
        {
            return Failure.Validation("slotId", "slotId must be a slot id from a slot listing.");
        }

        var practitioner = await practitioners.ReadAsync(PractitionerKeys.Profile(slotId.PractitionerId), ct);
        var schedule = practitioner?.Value.Schedule;
        if (command.VisitTypeId is not null && schedule?.FindType(command.VisitTypeId) is null)
        {
            return Failure.Validation("visitTypeId", "visitTypeId must name one of this practitioner's visit types.");
        }

        var placement = practitioner is null ? null : catalog.Resolve(practitioner.Value, slotId, command.VisitTypeId);
        if (placement is null || !schedule!.TypeOf(placement.VisitTypeId).BookableOnline)
        {
            return Failure.SlotTaken("This slot is not offered: it has passed, moved or never existed. Pick one from a current listing.");
        }

        var now = time.GetCurrentInstant();

        // A shortcut only, so a request for a taken slot writes nothing: the conditional write below decides races.
        var day = await days.ReadAsync(PractitionerKeys.Day(practitioner!.Value.Id, placement.Date), ct);
        if (day?.Value.IsFree(placement.Time, now) == false)
        {
            return Failure.SlotTaken();
        }

        var hold = new PatientHold(OpaqueId.New(), placement.Time, caller.Subject, now + Duration.FromMinutes(options.Value.Minutes));
        var entry = new HoldLedger.Entry(hold.HoldId, placement.SlotId.Split('.')[0], placement.Date, hold.ExpiresAt);
        if (!await LedgerAddAsync(caller.Subject, entry, now, ct))
        {
            return TooManyHolds(options.Value.MaxActivePerPatient);
        }

        if (!await DayReservations.ReserveAsync(days, practitioner.Value.Id, placement.Date, hold, now, ct))
        {
            await LedgerRemoveAsync(caller.Subject, hold.HoldId, ct);
            return Failure.SlotTaken();
        }

        await summaries.RefreshAsync(practitioner.Value, ct);
        return new HoldReceipt(hold.HoldId, placement.SlotId, hold.ExpiresAt);
    }

    private async Task<bool> LedgerAddAsync(string patientId, HoldLedger.Entry entry, Instant now, CancellationToken ct)
    {
        var key = HoldKeys.Ledger(patientId);
        for (var attempt = 0; attempt < ConcurrencyLimits.MaxAttempts; attempt++)
        {
            var stored = await ledgers.ReadAsync(key, ct);
            var active = await StillHeldAsync(stored?.Value.Active(now).ToList() ?? [], now, ct);
            if (active.Count >= options.Value.MaxActivePerPatient)
            {
                return false;
            }

            var changed = new HoldLedger([.. active, entry]);
            var expiresAt = changed.Holds.Max(h => h.ExpiresAt);
            var written = await ledgers.TryWriteOverAsync(key, stored, changed, expiresAt, ct);
            if (written is not null)
            {
                return true;
            }
        }

        throw new StoreUnavailableException("A patient's holds kept changing under concurrent requests.");
    }

    // A hold its patient booked (converted) or released is gone from its day: it no longer counts.
    private async Task<List<HoldLedger.Entry>> StillHeldAsync(List<HoldLedger.Entry> entries, Instant now, CancellationToken ct)
    {
        var held = new List<HoldLedger.Entry>();
        foreach (var entry in entries)
        {
            var day = await days.ReadAsync(PractitionerKeys.Day(entry.PractitionerId, entry.Date), ct);
            if (day?.Value.ActiveHolds(now).Any(h => h.HoldId == entry.HoldId) == true)
            {
                held.Add(entry);
            }
        }

        return held;
    }

    private Task<HoldLedger?> LedgerRemoveAsync(string patientId, string holdId, CancellationToken ct) =>
        ledgers.UpdateAsync(HoldKeys.Ledger(patientId), l => l.Holds.Any(h => h.HoldId == holdId) ? new HoldLedger(l.Holds.Where(h => h.HoldId != holdId).ToList()) : l, ct);
}
