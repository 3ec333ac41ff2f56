using NodaTime;

namespace Booking.Application.Paging;

/// <summary>
/// Where a page ended: the last item's time when the list is ordered by time (<see cref="At"/>) and its id when
/// ids break ties or name the item (<see cref="Id"/>). Ids and times only, never names or personal data.
/// </summary>
public sealed record PagePosition(Instant? At, string? Id)
{
    public const int MaxIdBytes = 64;
}
