using System.Globalization;
using Booking.Domain.Common;

namespace Booking.Application.Paging;

/// <summary>How many items a page of a list holds when the client does not say, and at most.</summary>
public readonly record struct PageSize(int Default, int Max)
{
    /// <summary>Search, my appointments and the agenda: each item is a practitioner with slots or an appointment with personal data.</summary>
    public static PageSize Items { get; } = new(20, 50);

    /// <summary>
    /// Slot listing: 500 covers a week of 15-minute slots over 12-hour days (336) in one page; 1,000 (about
    /// 125 KB) is an eighth of the largest range, 31 days of 5-minute slots round the clock (8,928).
    /// </summary>
    public static PageSize Slots { get; } = new(500, 1000);

    /// <summary>The limit <paramref name="text"/> asks for: the default when absent; an error on field <c>limit</c> unless a whole number from 1 to <see cref="Max"/>.</summary>
    public int Parse(string? text, List<DomainError> errors)
    {
        if (text is null)
        {
            return Default;
        }

        if (text.Length > 9 || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit < 1 || limit > Max)
        {
            errors.Add(new DomainError("out-of-range", $"limit must be a whole number from 1 to {Max}.", "limit"));
            return Default;
        }

        return limit;
    }
}
