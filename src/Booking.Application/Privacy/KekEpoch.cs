using System.Globalization;
using NodaTime;

namespace Booking.Application.Privacy;

/// <summary>
/// A span of whole calendar months (UTC) whose KEK wraps every data key created or re-wrapped in it, named by its
/// first month: <c>2026-12</c>. Epochs are one month long unless <see cref="KekEpochOptions.EpochMonths"/> says
/// otherwise; names order as the epochs do. Retiring an epoch's KEK makes every copy of a data key it wrapped unreadable.
/// </summary>
public readonly record struct KekEpoch : IComparable<KekEpoch>
{
    private KekEpoch(int year, int month) => (Year, Month) = (year, month);

    public int Year { get; }

    /// <summary>The first month of the epoch, 1 to 12.</summary>
    public int Month { get; }

    public string Name => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}");

    /// <summary>The epoch that <paramref name="instant"/> falls in, epochs of <paramref name="months"/> months counted from January of year 1.</summary>
    public static KekEpoch Containing(Instant instant, int months)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(months, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(months, 12);
        var date = instant.InUtc().Date;
        var index = (date.Year * 12) + date.Month - 1;
        index -= index % months;
        return new KekEpoch(index / 12, (index % 12) + 1);
    }

    /// <summary>An epoch name (<c>yyyy-MM</c>) read back from a key ring; false for anything else.</summary>
    public static bool TryParse(string? name, out KekEpoch epoch)
    {
        epoch = default;
        if (name is not { Length: 7 } || name[4] != '-'
            || !int.TryParse(name.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(name.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || year < 1 || month is < 1 or > 12)
        {
            return false;
        }

        epoch = new KekEpoch(year, month);
        return true;
    }

    public int CompareTo(KekEpoch other) => ((Year * 12) + Month).CompareTo((other.Year * 12) + other.Month);

    public static bool operator <(KekEpoch left, KekEpoch right) => left.CompareTo(right) < 0;

    public static bool operator >(KekEpoch left, KekEpoch right) => left.CompareTo(right) > 0;

    public static bool operator <=(KekEpoch left, KekEpoch right) => left.CompareTo(right) <= 0;

    public static bool operator >=(KekEpoch left, KekEpoch right) => left.CompareTo(right) >= 0;

    public override string ToString() => Name;
}
