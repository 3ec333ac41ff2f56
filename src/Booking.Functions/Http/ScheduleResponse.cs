using Booking.Domain.Practitioners;
using NodaTime.Text;

namespace Booking.Functions.Http;

/// <summary>A published schedule, in the shape it was sent (defaults filled in, exceptions one entry per range).</summary>
public sealed record ScheduleResponse(
    string PractitionerId, string TimeZone, int SlotMinutes, IReadOnlyList<ScheduleResponse.Opening> Weekly,
    IReadOnlyList<ScheduleResponse.DateException> Exceptions, int HorizonDays, int MinNoticeMinutes)
{
    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");

    public static ScheduleResponse Of(string practitionerId, WeeklySchedule s) => new(
        practitionerId,
        s.TimeZone,
        s.SlotMinutes,
        s.Weekly.Select(w => new Opening(w.Day.ToString().ToLowerInvariant(), TimePattern.Format(w.Hours.Start), TimePattern.Format(w.Hours.End))).ToList(),
        s.Exceptions.OrderBy(e => e.Date).SelectMany(e => e.Closed
            ? [new DateException(ApiFormat.Date(e.Date), true, null, null)]
            : e.Hours.Select(h => new DateException(ApiFormat.Date(e.Date), null, TimePattern.Format(h.Start), TimePattern.Format(h.End)))).ToList(),
        s.HorizonDays,
        s.MinNoticeMinutes);

    public sealed record Opening(string Day, string Start, string End);

    public sealed record DateException(string Date, bool? Closed, string? Start, string? End);
}
