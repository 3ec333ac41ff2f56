namespace Booking.Application.Search;

/// <summary>How <see cref="SlotCatalog"/> reads a practitioner's held days.</summary>
public enum DayReads
{
    /// <summary>One point read per date with candidate slots, until enough slots are found.</summary>
    EachDate,

    /// <summary>Every held day of the range in one single-partition query.</summary>
    OneQuery,
}
