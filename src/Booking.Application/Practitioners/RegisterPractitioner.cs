using Booking.Application.Common;
using Booking.Application.Search;
using Booking.Application.Storage;
using Booking.Domain.Practitioners;

namespace Booking.Application.Practitioners;

public sealed record RegisterPractitionerCommand(string? DisplayName, string? Specialty, string? City, string? TimeZone);

/// <summary>An operator lists a new practitioner; they take bookings once they publish a schedule.</summary>
public sealed class RegisterPractitioner(IDocumentStore<Practitioner> practitioners, IDocumentStore<DirectoryEntry> directory, AvailabilitySummaries summaries)
{
    public async Task<Outcome<PractitionerView>> HandleAsync(Caller caller, RegisterPractitionerCommand command, CancellationToken ct)
    {
        if (caller.Role != Role.Operator)
        {
            return Failure.Forbidden("Only operators register practitioners.");
        }

        var profile = PractitionerProfile.Create(command.DisplayName, command.Specialty, command.City, command.TimeZone);
        if (!profile.IsSuccess)
        {
            return Failure.Validation(profile.Errors);
        }

        var practitioner = Practitioner.Register(profile.Value);
        await practitioners.TryCreateAsync(PractitionerKeys.Profile(practitioner.Id), practitioner, null, ct);
        await directory.UpsertAsync(PractitionerKeys.DirectoryEntry(profile.Value.City, practitioner.Id), DirectoryEntry.For(practitioner), null, ct);
        await summaries.RefreshAsync(practitioner, ct);
        return PractitionerView.Of(practitioner);
    }
}
