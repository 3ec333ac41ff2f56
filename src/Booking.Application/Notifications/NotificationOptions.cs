namespace Booking.Application.Notifications;

public sealed class NotificationOptions
{
    /// <summary>Where a patient manages an appointment; <c>{appointmentId}</c> is replaced. Signed manage links replace this later.</summary>
    public string ManageLinkTemplate { get; set; } = "https://booking.example/manage/{appointmentId}";

    /// <summary>A claimed delivery not marked sent after this long is presumed lost in a crash and may be sent again.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(5);
}
