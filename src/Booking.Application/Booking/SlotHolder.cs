using Booking.Application.Common;
using Booking.Application.Practitioners;
using Booking.Application.Storage;
using Booking.Domain.Appointments;
using Booking.Domain.Practitioners;

namespace Booking.Application.Booking;

/// <summary>
/// Takes and frees slots by conditional writes of the practitioner's day document: the store, not a lock in
/// this process, decides which of two racing requests wins, so it holds across any number of instances.
/// Another patient's active hold takes a slot as an appointment does; the booking patient's own hold on it is converted.
/// </summary>
public sealed class SlotHolder(IDocumentStore<PractitionerDay> days, TimeProvider time)
{
    /// <summary>True when <paramref name="appointmentId"/> holds the slot (now or already); false when another does.</summary>
    public Task<bool> HoldAsync(string practitionerId, SlotPlacement placement, string appointmentId, string? patientId, CancellationToken ct) =>
        HoldAsync(practitionerId, placement, appointmentId, patientId, null, ct);

    /// <summary>
    /// The same, starting from <paramref name="firstReading"/> of the day when the caller has one (a stale one
    /// only costs a retry: the write is conditional on its ETag).
    /// </summary>
    public async Task<bool> HoldAsync(
        string practitionerId, SlotPlacement placement, string appointmentId, string? patientId, DayReading? firstReading, CancellationToken ct)
    {
        var key = PractitionerKeys.Day(practitionerId, placement.Date);
        for (var attempt = 0; attempt < ConcurrencyLimits.MaxAttemptsOnAHotDocument; attempt++)
        {
            var stored = attempt == 0 && firstReading is not null ? firstReading.Stored : await days.ReadAsync(key, ct);
            var day = stored?.Value ?? PractitionerDay.Empty(practitionerId, placement.Date);
            var (outcome, changed) = day.Hold(placement.Time, appointmentId, time.GetCurrentInstant(), patientId);
            if (outcome != HoldOutcome.Held)
            {
                return outcome == HoldOutcome.AlreadyHeld;
            }

            var written = await days.TryWriteOverAsync(key, stored, changed, null, ct);
            if (written is not null)
            {
                return true;
            }

            await ConcurrencyLimits.AfterLostRaceAsync(attempt, ct);
        }

        throw new StoreUnavailableException("A practitioner's day kept changing under concurrent bookings.");
    }

    /// <summary>
    /// The practitioner's day as stored now, so that a request for a slot already taken can be refused before
    /// anything is written; then handed to <see cref="HoldAsync(string, SlotPlacement, string, string?, DayReading?, CancellationToken)"/>
    /// as its first reading, so the check costs no extra read. A shortcut only: the conditional hold still decides races.
    /// </summary>
    public async Task<DayReading> ReadDayAsync(string practitionerId, SlotPlacement placement, CancellationToken ct) =>
        new(await days.ReadAsync(PractitionerKeys.Day(practitionerId, placement.Date), ct), time.GetCurrentInstant());

    /// <summary>Frees the slot if <paramref name="appointmentId"/> holds it; does nothing otherwise.</summary>
    public Task ReleaseAsync(string practitionerId, SlotPlacement placement, string appointmentId, CancellationToken ct) =>
        days.UpdateAsync(PractitionerKeys.Day(practitionerId, placement.Date), day => day.Release(appointmentId, placement.Time) ?? day, ct);
}
