using Booking.Application.Practitioners;
using Booking.Application.Storage;
using Booking.Domain.Practitioners;

namespace Booking.Application.Waitlist;

/// <summary>A patient's own waitlist entries, found through their ledger: one point read, then one per entry.</summary>
public sealed class PatientWaitlist(IDocumentStore<WaitlistEntry> entries, IDocumentStore<WaitlistLedger> ledgers, IDocumentStore<PractitionerDay> days)
{
    /// <summary>Every entry still stored (booked ones included; expired ones are gone), in the order they were made.</summary>
    public async Task<IReadOnlyList<Versioned<WaitlistEntry>>> AllAsync(string patientId, CancellationToken ct)
    {
        var ledger = await ledgers.ReadAsync(WaitlistKeys.Ledger(patientId), ct);
        var found = new List<Versioned<WaitlistEntry>>();
        foreach (var line in ledger?.Value.Entries ?? [])
        {
            if (await entries.ReadAsync(WaitlistKeys.Entry(line.PractitionerId, line.WaitlistId), ct) is { } entry && entry.Value.PatientId == patientId)
            {
                found.Add(entry);
            }
        }

        return [.. found.OrderBy(e => e.Value.CreatedAt).ThenBy(e => e.Value.WaitlistId, StringComparer.Ordinal)];
    }

    /// <summary>The patient's entry <paramref name="waitlistId"/>, or null when it is not theirs (or not there).</summary>
    public async Task<Versioned<WaitlistEntry>?> FindAsync(string patientId, string waitlistId, CancellationToken ct)
    {
        var ledger = await ledgers.ReadAsync(WaitlistKeys.Ledger(patientId), ct);
        var line = ledger?.Value.Entries.FirstOrDefault(e => e.WaitlistId == waitlistId);
        var entry = line is null ? null : await entries.ReadAsync(WaitlistKeys.Entry(line.PractitionerId, line.WaitlistId), ct);
        return entry?.Value.PatientId == patientId ? entry : null;
    }

    /// <summary>Deletes the entry (freeing the slot it was offered) and its ledger line.</summary>
    public async Task RemoveAsync(Versioned<WaitlistEntry> entry, CancellationToken ct)
    {
        if (entry.Value.Offer is { } offer)
        {
            await days.UpdateAsync(PractitionerKeys.Day(entry.Value.PractitionerId, offer.Placement.Date), d => d.Unreserve(offer.OfferId) ?? d, ct);
        }

        await entries.DeleteAsync(entry.Key, ct);
        await ledgers.UpdateAsync(
            WaitlistKeys.Ledger(entry.Value.PatientId),
            l => l.Entries.Any(e => e.WaitlistId == entry.Value.WaitlistId) ? new WaitlistLedger([.. l.Entries.Where(e => e.WaitlistId != entry.Value.WaitlistId)]) : l,
            ct);
    }

    /// <summary>Erasure: every entry of the patient goes, whole (a slot being offered to them is free again), then their ledger; returns the entries' ids.</summary>
    public async Task<IReadOnlyList<string>> EraseAsync(string patientId, CancellationToken ct)
    {
        var all = await AllAsync(patientId, ct);
        foreach (var entry in all)
        {
            await RemoveAsync(entry, ct);
        }

        await ledgers.DeleteAsync(WaitlistKeys.Ledger(patientId), ct);
        await entries.PurgeHistoryAsync(ct);
        return [.. all.Select(e => e.Value.WaitlistId)];
    }
}
