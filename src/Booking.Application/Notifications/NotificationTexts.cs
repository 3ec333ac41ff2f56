using System.Globalization;
using Booking.Domain.Appointments;
using NodaTime;
using NodaTime.Text;

namespace Booking.Application.Notifications;

/// <summary>One notification's kind, subject and body.</summary>
public sealed record NotificationText(string Kind, string Subject, string Body);

/// <summary>
/// What a notification says: date, time (with its UTC offset when the clocks going back make it come twice), a manage
/// link and (except in reminders, unless configured) the practitioner's display name. Never the reason, never the
/// specialty — a lock screen or a shared inbox must not reveal why someone sees a doctor.
/// </summary>
public static class NotificationTexts
{
    private static readonly LocalDatePattern Date = LocalDatePattern.Create("dddd d MMMM uuuu", CultureInfo.GetCultureInfo("en-GB"));
    private static readonly LocalTimePattern Time = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");
    private static readonly OffsetPattern Offset = OffsetPattern.CreateWithInvariantCulture("'UTC'+HH':'mm");

    public static NotificationText For(AppointmentEventType type, NotificationFacts facts)
    {
        var when = When(facts.Start);
        return type switch
        {
            AppointmentEventType.AppointmentConfirmed => new("confirmation", "Appointment confirmed",
                $"Your appointment with {facts.PractitionerName} on {when} is confirmed. Manage it: {facts.ManageLink}"),
            AppointmentEventType.AppointmentRescheduled => new("reschedule", "Appointment moved",
                $"Your appointment with {facts.PractitionerName} is now on {when}. Manage it: {facts.ManageLink}"),
            _ => new("cancellation", "Appointment cancelled",
                $"Your appointment with {facts.PractitionerName} on {when} is cancelled. Details: {facts.ManageLink}"),
        };
    }

    /// <summary>A reminder names the practitioner only when <paramref name="includePractitionerName"/> (a setting, off by default).</summary>
    public static NotificationText Reminder(NotificationFacts facts, bool includePractitionerName)
    {
        var with = includePractitionerName ? $" with {facts.PractitionerName}" : string.Empty;
        return new("reminder", "Appointment reminder",
            $"Reminder: your appointment{with} is on {When(facts.Start)}. Manage or cancel it: {facts.ManageLink}");
    }

    /// <summary>A waitlist offer: the slot, with whom, how long it is held, and the signed link to take or leave it.</summary>
    public static NotificationText Offer(NotificationFacts facts, int minutes) =>
        new("waitlist-offer", "A slot is free for you",
            $"A slot with {facts.PractitionerName} on {When(facts.Start)} has freed up. It is held for you for {minutes} minutes: {facts.ManageLink}");

    // A local time that comes twice (the hour repeated when the clocks go back) says which of the two it is.
    private static string When(ZonedDateTime start)
    {
        var when = $"{Date.Format(start.Date)} at {Time.Format(start.TimeOfDay)}";
        var mapping = start.Zone.MapLocal(start.LocalDateTime);
        return mapping.Count < 2
            ? when
            : $"{when} {Offset.Format(start.Offset)} ({(start.ToInstant() == mapping.First().ToInstant() ? "before" : "after")} the clocks go back)";
    }
}
