namespace Booking.Application.Retention;

/// <summary>How long each class of data is kept (section <c>Retention</c>).</summary>
public sealed class RetentionOptions
{
    /// <summary>Days an appointment (and its patient link and practitioner day) is kept after it ends.</summary>
    public int AppointmentDays { get; set; } = 90;

    /// <summary>Days the delivery logs are kept: which notification went on which channel, each webhook attempt (ids and status codes only).</summary>
    public int DeliveryLogDays { get; set; } = 90;

    /// <summary>Days an access-log entry is kept (locally; in Azure the access-log container's policies decide).</summary>
    public int AccessLogDays { get; set; } = 365;
}
