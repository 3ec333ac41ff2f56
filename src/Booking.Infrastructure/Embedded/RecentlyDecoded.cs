namespace Booking.Infrastructure.Embedded;

/// <summary>
/// The entries of a collection whose decoded document is kept, most recent last, in a ring of fixed size:
/// adding one past capacity drops the decoded object of the oldest (its JSON stays, and its next read decodes
/// it again). Keeps hot documents decoded while bounding what decoded copies of cold ones cost: without it,
/// every document ever written stayed in memory twice, as JSON and as objects.
/// </summary>
internal sealed class RecentlyDecoded(int capacity)
{
    private readonly EmbeddedEntry?[] _ring = new EmbeddedEntry?[capacity];
    private long _next = -1;

    public void Add(EmbeddedEntry entry)
    {
        var slot = (int)(Interlocked.Increment(ref _next) % capacity);
        var oldest = Interlocked.Exchange(ref _ring[slot], entry);
        if (oldest is not null && !ReferenceEquals(oldest, entry))
        {
            oldest.Cached = null;
        }
    }
}
