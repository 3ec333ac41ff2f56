namespace Booking.Application.Messaging;

/// <summary>Entity names, from the <c>ServiceBus</c> configuration section (the same names Bicep creates).</summary>
public sealed class MessagingOptions
{
    public string AppointmentEventsTopic { get; set; } = "appointment-events";

    public string EmailConfirmationsSubscription { get; set; } = "email-confirmations";

    public string SmsConfirmationsSubscription { get; set; } = "sms-confirmations";

    public string PartnerNotificationsSubscription { get; set; } = "partner-notifications";

    public string AvailabilitySummariesSubscription { get; set; } = "availability-summaries";

    public string PartnerBookingRequestsQueue { get; set; } = "partner-booking-requests";

    public string PartnerBookingResultsTopic { get; set; } = "partner-booking-results";

    public string OperatorAlertsTopic { get; set; } = "operator-alerts";
}
