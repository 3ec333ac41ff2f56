namespace Booking.Application.Paging;

public static class PageWindow
{
    /// <summary>The first <paramref name="limit"/> items of <paramref name="rest"/>, and whether more follow (reads one item past the page, no more).</summary>
    public static (List<T> Items, bool More) Take<T>(IEnumerable<T> rest, int limit)
    {
        var items = rest.Take(limit + 1).ToList();
        var more = items.Count > limit;
        if (more)
        {
            items.RemoveAt(limit);
        }

        return (items, more);
    }
}
