using Booking.Domain.Common;
namespace Booking.Application.Storage;

/// <summary>
/// A page of a partition's <see cref="ISortedDocument"/>s: those carrying <paramref name="Tag"/> whose sort key is
/// greater than <paramref name="After"/> (all when null), at most <paramref name="Limit"/>, by sort key. Documents whose sort key
/// is null are in no page.
/// </summary>
public sealed record SortedQuery(string Tag, string? After, int Limit)
{
    /// <summary>What a store's answer is once sorted and cut, for stores (and decorators) that read the partition whole.</summary>
    public IReadOnlyList<Versioned<T>> Apply<T>(IEnumerable<Versioned<T>> partition)
        where T : class =>
        [.. partition
            .Select(d => (Document: d, Sorted: d.Value as ISortedDocument ?? throw new InvalidOperationException($"{typeof(T).Name} is not an {nameof(ISortedDocument)}.")))
            .Where(d => d.Sorted.SortKey is not null && d.Sorted.Tags.Contains(Tag, StringComparer.Ordinal)
                && (After is null || string.CompareOrdinal(d.Sorted.SortKey, After) > 0))
            .OrderBy(d => d.Sorted.SortKey, StringComparer.Ordinal)
            .Take(Limit)
            .Select(d => d.Document)];
}
