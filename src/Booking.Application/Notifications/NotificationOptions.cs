namespace Booking.Application.Notifications;

public sealed class NotificationOptions
{
    /// <summary>Where a patient manages an appointment; <c>{token}</c> is replaced by the appointment's signed manage-link token.</summary>
    public string ManageLinkTemplate { get; set; } = "https://booking.example/manage/{token}";

    /// <summary>A claimed delivery not marked sent after this long is presumed lost in a crash and may be sent again.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(5);
}
