using NodaTime;

namespace Booking.Domain.Practitioners;

/// <summary>
/// A kind of visit a practitioner offers (a "motif"): its length, whether patients book it online, whether
/// patients never seen before may book it, what they are told before booking, and the weekly ranges that
/// offer it (<see cref="Weekly"/>, null: all opening hours). Ranges lie inside the opening hours; a date's
/// exception applies to every type (the type keeps only the part of its ranges that the exception opens).
/// </summary>
public sealed record VisitType(
    string VisitTypeId,
    string Name,
    int Minutes,
    bool BookableOnline,
    bool NewPatients,
    string? Instructions,
    IReadOnlyList<OpeningHours>? Weekly)
{
    /// <summary>The id of the one type a schedule without visit types offers: its slot ids are the ones schedules had before visit types.</summary>
    public const string DefaultId = "default";

    public const string DefaultName = "Consultation";
    public const int MaxIdLength = 64;
    public const int MaxNameLength = 120;
    public const int MaxInstructionsLength = 1000;
    public const int MaxTypes = 20;

    public Duration Length => Duration.FromMinutes(Minutes);

    public static VisitType Default(int minutes) => new(DefaultId, DefaultName, minutes, true, true, null, null);

    /// <summary>The ranges of <paramref name="openingHours"/> (one date's) that offer this type on <paramref name="day"/>, in order.</summary>
    public IEnumerable<LocalTimeRange> HoursWithin(IEnumerable<LocalTimeRange> openingHours, IsoDayOfWeek day)
    {
        var open = openingHours.OrderBy(h => h.Start);
        if (Weekly is null)
        {
            return open;
        }

        var own = Weekly.Where(w => w.Day == day).Select(w => w.Hours).ToList();
        return open
            .SelectMany(h => own.Where(h.Overlaps).Select(t => new LocalTimeRange(LocalTime.Max(h.Start, t.Start), LocalTime.Min(h.End, t.End))))
            .OrderBy(h => h.Start)
            .ToList();
    }
}
