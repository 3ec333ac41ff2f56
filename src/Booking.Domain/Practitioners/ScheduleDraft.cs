namespace Booking.Domain.Practitioners;

/// <summary>A schedule as a client wrote it, before any check: the shape of the PUT schedule request.</summary>
public sealed record ScheduleDraft(
    string? TimeZone,
    int? SlotMinutes,
    IReadOnlyList<ScheduleDraft.Opening?>? Weekly,
    IReadOnlyList<ScheduleDraft.DateException?>? Exceptions,
    int? HorizonDays,
    int? MinNoticeMinutes,
    IReadOnlyList<ScheduleDraft.VisitTypeDraft?>? VisitTypes = null,
    int? MinDaysBetweenAppointments = null)
{
    public sealed record VisitTypeDraft(
        string? VisitTypeId, string? Name, int? Minutes, bool? BookableOnline, bool? NewPatients, string? Instructions, IReadOnlyList<Opening?>? Weekly);

    public sealed record Opening(string? Day, string? Start, string? End);

    public sealed record DateException(string? Date, bool? Closed, string? Start, string? End);
}
