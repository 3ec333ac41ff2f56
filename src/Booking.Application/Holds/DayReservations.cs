using Booking.Application.Practitioners;
using Booking.Application.Storage;
using Booking.Domain.Practitioners;
using NodaTime;

namespace Booking.Application.Holds;

/// <summary>
/// Reserves a slot of a practitioner's day for a patient's hold (a hold they asked for, or a waitlist offer) by a
/// conditional write of the day: false when the slot is taken or held by another.
/// </summary>
public static class DayReservations
{
    public static async Task<bool> ReserveAsync(IDocumentStore<PractitionerDay> days, string practitionerId, LocalDate date, PatientHold hold, Instant now, CancellationToken ct)
    {
        var key = PractitionerKeys.Day(practitionerId, date);

        // The day is as hot for holds as for bookings: as many attempts, spread out the same way (SlotHolder).
        for (var attempt = 0; attempt < ConcurrencyLimits.MaxAttemptsOnAHotDocument; attempt++)
        {
            var stored = await days.ReadAsync(key, ct);
            var (outcome, changed) = (stored?.Value ?? PractitionerDay.Empty(practitionerId, date)).Reserve(hold, now);
            if (outcome != HoldOutcome.Held)
            {
                return false;
            }

            var written = await days.TryWriteOverAsync(key, stored, changed, null, ct);
            if (written is not null)
            {
                return true;
            }

            await ConcurrencyLimits.AfterLostRaceAsync(attempt, ct);
        }

        throw new StoreUnavailableException("A practitioner's day kept changing under concurrent holds.");
    }
}
