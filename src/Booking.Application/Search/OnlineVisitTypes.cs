using Booking.Domain.Practitioners;

namespace Booking.Application.Search;

/// <summary>The visit types patients see and book online: listing, search and booking ask here.</summary>
public static class OnlineVisitTypes
{
    /// <summary>The online type named <paramref name="visitTypeId"/>, or when null the schedule's first online type; null when there is none.</summary>
    public static VisitType? Find(WeeklySchedule schedule, string? visitTypeId) =>
        schedule.FindType(visitTypeId) is { BookableOnline: true } type ? type : null;

    public static IReadOnlyList<VisitType> Of(WeeklySchedule? schedule) =>
        schedule is null ? [] : schedule.Types.Where(t => t.BookableOnline).ToList();
}
