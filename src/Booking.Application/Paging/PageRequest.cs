namespace Booking.Application.Paging;

/// <summary>A page as the client asked for it: <c>limit</c> and <c>cursor</c> as given (null when absent), parsed by the list.</summary>
public sealed record PageRequest(string? Limit, string? Cursor)
{
    /// <summary>The first page, of the list's default size.</summary>
    public static PageRequest First { get; } = new(null, null);
}
