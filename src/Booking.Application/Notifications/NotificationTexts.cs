using System.Globalization;
using Booking.Domain.Appointments;
using NodaTime;
using NodaTime.Text;

namespace Booking.Application.Notifications;

/// <summary>
/// What a notification says: date, time, the practitioner's display name and a manage link. Never the
/// reason, never the specialty — a lock screen or a shared inbox must not reveal why someone sees a doctor.
/// </summary>
public static class NotificationTexts
{
    private static readonly LocalDatePattern Date = LocalDatePattern.Create("dddd d MMMM uuuu", CultureInfo.GetCultureInfo("en-GB"));
    private static readonly LocalTimePattern Time = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");

    public static (string Kind, string Subject, string Body) For(AppointmentEventType type, ZonedDateTime start, string practitionerName, string manageLink)
    {
        var when = $"{Date.Format(start.Date)} at {Time.Format(start.TimeOfDay)}";
        return type switch
        {
            AppointmentEventType.AppointmentConfirmed => ("confirmation", "Appointment confirmed",
                $"Your appointment with {practitionerName} on {when} is confirmed. Manage it: {manageLink}"),
            AppointmentEventType.AppointmentRescheduled => ("reschedule", "Appointment moved",
                $"Your appointment with {practitionerName} is now on {when}. Manage it: {manageLink}"),
            _ => ("cancellation", "Appointment cancelled",
                $"Your appointment with {practitionerName} on {when} is cancelled. Book again: {manageLink}"),
        };
    }
}
