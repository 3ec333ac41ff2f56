namespace Booking.Application.Paging;

/// <summary>
/// One page of a list and the cursor of the next, null on the last page. A page may hold fewer items than the
/// limit (an entry that vanished since it was filed) and still have a next one: only a null <see cref="Next"/> ends the list.
/// </summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);
