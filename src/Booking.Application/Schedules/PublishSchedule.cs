using Booking.Application.Common;
using Booking.Application.Practitioners;
using Booking.Application.Search;
using Booking.Application.Storage;
using Booking.Domain.Practitioners;

namespace Booking.Application.Schedules;

/// <summary>
/// A practitioner (or an operator) replaces the weekly schedule. Free slots follow the new schedule at once;
/// held slots live in the practitioner's days, not in the schedule, so publishing never moves or drops them.
/// </summary>
public sealed class PublishSchedule(IDocumentStore<Practitioner> practitioners, IDocumentStore<DirectoryEntry> directory, AvailabilitySummaries summaries)
{
    public async Task<Outcome<WeeklySchedule>> HandleAsync(Caller caller, PublishScheduleCommand command, CancellationToken ct)
    {
        if (caller.Role == Role.Patient)
        {
            return Failure.Forbidden("Patients cannot publish schedules.");
        }

        for (var attempt = 0; attempt < ConcurrencyLimits.MaxAttempts; attempt++)
        {
            var stored = await practitioners.ReadAsync(PractitionerKeys.Profile(command.PractitionerId), ct);
            if (stored is null || !caller.ActsFor(command.PractitionerId))
            {
                return Failure.NotFound("practitioner");
            }

            var schedule = ScheduleParser.Parse(command.Draft);
            if (!schedule.IsSuccess)
            {
                return Failure.Validation(schedule.Errors);
            }

            var published = stored.Value.Publish(schedule.Value);
            if (await practitioners.TryReplaceAsync(stored.Key, published, stored.ETag, null, ct) is not null)
            {
                await directory.UpsertAsync(PractitionerKeys.DirectoryEntry(published.Profile.City, published.Id), DirectoryEntry.For(published), null, ct);
                await summaries.RefreshAsync(published, ct);
                return schedule.Value;
            }
        }

        throw new StoreUnavailableException("The schedule kept changing under concurrent updates.");
    }
}
