using NodaTime;

namespace Booking.Application.Common;

public static class LocalDateExtensions
{
    /// <summary>
    /// <paramref name="date"/> plus <paramref name="days"/>, or the calendar's last date when that is sooner: a
    /// query from 9999-12-31 is valid and finds nothing, and must not overflow.
    /// </summary>
    public static LocalDate PlusDaysOrLastDate(this LocalDate date, int days) =>
        Period.DaysBetween(date, LocalDate.MaxIsoValue) < days ? LocalDate.MaxIsoValue : date.PlusDays(days);
}
