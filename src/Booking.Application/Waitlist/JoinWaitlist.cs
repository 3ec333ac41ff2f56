using Booking.Application.Common;
using Booking.Application.Idempotency;
using Booking.Application.Practitioners;
using Booking.Application.Privacy;
using Booking.Application.Search;
using Booking.Application.Storage;
using Booking.Domain.Practitioners;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Booking.Application.Waitlist;

/// <summary>
/// A patient asks to be offered the first slot that frees (of one visit type, with one practitioner, on or before a
/// date). The patient's ledger is written first (the per-patient limit, by ETag), then the practitioner's watch (which
/// gives the entry its place in the queue), then
/// the entry with its sealed details: a crash leaves at most a ledger line or a watch with no entry, which nothing
/// offers and which expire. Under an Idempotency-Key, a retry gets the first answer.
/// </summary>
public sealed class JoinWaitlist(
    IDocumentStore<Practitioner> practitioners,
    IDocumentStore<WaitlistEntry> entries,
    IDocumentStore<WaitlistLedger> ledgers,
    IDocumentStore<WaitlistWatch> watches,
    PersonalDataDoor door,
    IdempotencyGuard idempotency,
    IOptions<WaitlistOptions> options,
    TimeProvider time)
{
    public static Failure TooManyEntries(int max) =>
        new(FailureKind.Conflict, "too-many-waitlist-entries", $"A patient may wait for at most {max} slots at once. Leave one of your waitlist entries first.");

    public async Task<Outcome<WaitlistReceipt>> HandleAsync(Caller caller, string? idempotencyKey, JoinWaitlistCommand command, CancellationToken ct)
    {
        if (caller.Role != Role.Patient)
        {
            return Failure.Forbidden("Only patients join waitlists.");
        }

        if (!IdempotencyKey.IsValid(idempotencyKey))
        {
            return Failure.Validation("Idempotency-Key", $"The Idempotency-Key header is required: 1 to {IdempotencyKey.MaxLength} printable ASCII characters.");
        }

        var now = time.GetCurrentInstant();
        var valid = WaitlistValidator.Validate(command, now.Minus(Duration.FromHours(14)).InUtc().Date, options.Value.MaxDaysAhead);
        if (!valid.Succeeded)
        {
            return valid.Failure;
        }

        return await idempotency.RunAsync<WaitlistReceipt, ValidWaitlistRequest>(
            WaitlistKeys.IdempotencyScope(caller.Subject), idempotencyKey!, valid.Value, (attempt, token) => JoinAsync(caller.Subject, valid.Value, attempt.OperationId, token), ct);
    }

    private async Task<Outcome<WaitlistReceipt>> JoinAsync(string patientId, ValidWaitlistRequest request, string waitlistId, CancellationToken ct)
    {
        var now = time.GetCurrentInstant();
        var entryKey = WaitlistKeys.Entry(request.PractitionerId, waitlistId);
        if (await entries.ReadAsync(entryKey, ct) is { } done)
        {
            return WaitlistReceipt.Of(done.Value, now);
        }

        var practitioner = (await practitioners.ReadAsync(PractitionerKeys.Profile(request.PractitionerId), ct))?.Value;
        if (practitioner is null)
        {
            return Failure.Validation("practitionerId", "practitionerId names no practitioner.");
        }

        var schedule = practitioner.Schedule;
        var type = schedule?.FindType(request.VisitTypeId);
        if (schedule is null || type is null)
        {
            return Failure.Validation("visitTypeId", request.VisitTypeId is null
                ? "This practitioner offers no visit type online yet."
                : "visitTypeId must name one of this practitioner's visit types.");
        }

        if (!type.BookableOnline)
        {
            return Booking.BookAppointment.NotBookableOnline;
        }

        var today = now.InZone(schedule.Zone).Date;
        if (request.Before < today)
        {
            return Failure.Validation("before", "before must be today or later in the practitioner's time zone.");
        }

        var expiresAt = request.Before.PlusDays(1).AtStartOfDayInZone(schedule.Zone).ToInstant();
        if (!await LedgerAddAsync(patientId, new WaitlistLedger.Entry(waitlistId, practitioner.Id, expiresAt), now, ct))
        {
            return TooManyEntries(options.Value.MaxActivePerPatient);
        }

        var position = await WatchAsync(practitioner.Id, expiresAt, ct);
        var (patient, reason) = await door.SealWaitlistAsync(patientId, waitlistId, request.Patient, request.Reason, ct);
        var entry = new WaitlistEntry(
            waitlistId, patientId, practitioner.Id, type.VisitTypeId, request.Before, now, expiresAt, patient, reason, request.Consent, null, [], Position: position);
        await entries.TryCreateAsync(entryKey, entry, expiresAt, ct);
        return WaitlistReceipt.Of(entry, now);
    }

    private async Task<bool> LedgerAddAsync(string patientId, WaitlistLedger.Entry line, Instant now, CancellationToken ct)
    {
        var key = WaitlistKeys.Ledger(patientId);
        for (var attempt = 0; attempt < ConcurrencyLimits.MaxAttempts; attempt++)
        {
            var stored = await ledgers.ReadAsync(key, ct);
            var live = stored?.Value.Live(now).ToList() ?? [];
            if (await CountActiveAsync(live, now, ct) >= options.Value.MaxActivePerPatient)
            {
                return false;
            }

            var changed = new WaitlistLedger([.. live, line]);
            var expiresAt = changed.Entries.Max(e => e.ExpiresAt);
            var written = await ledgers.TryWriteOverAsync(key, stored, changed, expiresAt, ct);
            if (written is not null)
            {
                return true;
            }
        }

        throw new StoreUnavailableException("A patient's waitlist kept changing under concurrent requests.");
    }

    // Booked entries no longer count; a ledger line whose entry was never written (a crash) does not either.
    private async Task<int> CountActiveAsync(List<WaitlistLedger.Entry> lines, Instant now, CancellationToken ct)
    {
        var active = 0;
        foreach (var line in lines)
        {
            if ((await entries.ReadAsync(WaitlistKeys.Entry(line.PractitionerId, line.WaitlistId), ct))?.Value.IsActive(now) == true)
            {
                active++;
            }
        }

        return active;
    }

    // The entry's place in the practitioner's queue, and the watch kept alive at least until the entry expires.
    private async Task<long> WatchAsync(string practitionerId, Instant expiresAt, CancellationToken ct)
    {
        var key = WaitlistKeys.Watch(practitionerId);
        for (var attempt = 0; attempt < ConcurrencyLimits.MaxAttempts; attempt++)
        {
            var stored = await watches.ReadAsync(key, ct);
            var changed = stored is null
                ? new WaitlistWatch(practitionerId, expiresAt, 1)
                : stored.Value with { ExpiresAt = Instant.Max(stored.Value.ExpiresAt, expiresAt), LastPosition = stored.Value.LastPosition + 1 };
            var written = await watches.TryWriteOverAsync(key, stored, changed, changed.ExpiresAt, ct);
            if (written is not null)
            {
                return changed.LastPosition;
            }

            await ConcurrencyLimits.AfterLostRaceAsync(attempt, ct);
        }

        throw new StoreUnavailableException("A practitioner's waitlist watch kept changing under concurrent requests.");
    }
}
