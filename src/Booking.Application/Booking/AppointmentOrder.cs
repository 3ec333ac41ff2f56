using Booking.Application.Paging;
using Booking.Domain.Appointments;

namespace Booking.Application.Booking;

/// <summary>How lists of appointments are ordered and paged: by start, then by id, so equal starts keep one order.</summary>
public static class AppointmentOrder
{
    /// <summary>The appointments after <paramref name="after"/> (all of them when null), in order.</summary>
    public static IEnumerable<Appointment> After(IEnumerable<Appointment> appointments, PagePosition? after) =>
        appointments
            .OrderBy(a => a.Placement.Time.Start)
            .ThenBy(a => a.Id, StringComparer.Ordinal)
            .Where(a => after is null
                || a.Placement.Time.Start > after.At
                || (a.Placement.Time.Start == after.At && string.CompareOrdinal(a.Id, after.Id) > 0));

    public static PagePosition PositionOf(Appointment appointment) => new(appointment.Placement.Time.Start, appointment.Id);

    /// <summary>Whether <paramref name="position"/> can be one of an appointment list's (a time and an id).</summary>
    public static bool IsPosition(PagePosition? position) => position is { At: not null, Id: not null };
}
