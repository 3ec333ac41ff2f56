namespace Booking.Application.Reminders;

public sealed class ReminderOptions
{
    /// <summary>Whether a reminder names the practitioner (setting <c>Reminders:IncludePractitionerName</c>, off by default).</summary>
    public bool IncludePractitionerName { get; set; }
}
