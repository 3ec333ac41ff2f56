using Booking.Domain.Practitioners;
using NodaTime.Text;

namespace Booking.Functions.Http;

/// <summary>A published schedule, in the shape it was sent (defaults filled in, exceptions one entry per range).</summary>
public sealed record ScheduleResponse(
    string PractitionerId, string TimeZone, int SlotMinutes, IReadOnlyList<ScheduleResponse.Opening> Weekly,
    IReadOnlyList<ScheduleResponse.DateException> Exceptions, int HorizonDays, int MinNoticeMinutes,
    IReadOnlyList<ScheduleResponse.VisitTypeEntry> VisitTypes, int MinDaysBetweenAppointments)
{
    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");

    public static ScheduleResponse Of(string practitionerId, WeeklySchedule s) => new(
        practitionerId,
        s.TimeZone,
        s.SlotMinutes,
        Openings(s.Weekly),
        s.Exceptions.OrderBy(e => e.Date).SelectMany(e => e.Closed
            ? [new DateException(ApiFormat.Date(e.Date), true, null, null)]
            : e.Hours.Select(h => new DateException(ApiFormat.Date(e.Date), null, TimePattern.Format(h.Start), TimePattern.Format(h.End)))).ToList(),
        s.HorizonDays,
        s.MinNoticeMinutes,
        s.Types.Select(t => new VisitTypeEntry(t.VisitTypeId, t.Name, t.Minutes, t.BookableOnline, t.NewPatients, t.Instructions, t.Weekly is null ? null : Openings(t.Weekly))).ToList(),
        s.MinDaysBetweenAppointments);

    private static List<Opening> Openings(IEnumerable<OpeningHours> weekly) =>
        weekly.Select(w => new Opening(w.Day.ToString().ToLowerInvariant(), TimePattern.Format(w.Hours.Start), TimePattern.Format(w.Hours.End))).ToList();

    public sealed record Opening(string Day, string Start, string End);

    /// <summary>A visit type as published; <see cref="Weekly"/> null: all opening hours.</summary>
    public sealed record VisitTypeEntry(
        string VisitTypeId, string Name, int Minutes, bool BookableOnline, bool NewPatients, string? Instructions, IReadOnlyList<Opening>? Weekly);

    public sealed record DateException(string Date, bool? Closed, string? Start, string? End);
}
