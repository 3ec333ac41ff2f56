using Booking.Application.Common;
using Booking.Application.Storage;
using Booking.Domain.Common;
using Booking.Domain.Practitioners;

namespace Booking.Application.Practitioners;

/// <summary>Anyone reads a practitioner's public profile: what search shows of them, without slots.</summary>
public sealed class GetPractitioner(IDocumentStore<Practitioner> practitioners)
{
    public async Task<Outcome<PractitionerView>> HandleAsync(string practitionerId, CancellationToken ct)
    {
        var stored = OpaqueId.IsWellFormed(practitionerId)
            ? await practitioners.ReadAsync(PractitionerKeys.Profile(practitionerId), ct)
            : null;
        return stored is null ? Failure.NotFound("practitioner") : PractitionerView.Of(stored.Value);
    }
}
