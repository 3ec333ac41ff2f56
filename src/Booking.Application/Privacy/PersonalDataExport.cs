using Booking.Application.Booking;
using Booking.Domain.Patients;

namespace Booking.Application.Privacy;

/// <summary>
/// Everything held about one patient (GDPR Art. 15 and 20): their latest details, every appointment with
/// its details, reason and consent, their waitlist entries likewise, the notifications sent to them, and every logged
/// access to their data.
/// </summary>
public sealed record PersonalDataExport(
    string PatientId,
    PatientDetails? Profile,
    IReadOnlyList<AppointmentView> Appointments,
    IReadOnlyList<SentNotification> Notifications,
    IReadOnlyList<AccessLogEntry> AccessLog,
    IReadOnlyList<WaitlistExport> Waitlist);

/// <summary>A waitlist entry with the details given to it (null once booked: the appointment holds them then).</summary>
public sealed record WaitlistExport(Waitlist.WaitlistReceipt Entry, PatientDetails? Patient, string? Reason, Consent Consent);

/// <summary>A notification sent about an appointment: channel and time, never its text.</summary>
public sealed record SentNotification(string AppointmentId, string Kind, string Channel, NodaTime.Instant SentAt);
