using Booking.Application.Privacy;

namespace Booking.Functions.Http;

/// <summary>The body of <c>GET /api/me/export</c>.</summary>
public sealed record ExportResponse(
    string PatientId,
    PatientResponse? Profile,
    IReadOnlyList<AppointmentResponse> Appointments,
    IReadOnlyList<ExportResponse.ConsentEntry> Consents,
    IReadOnlyList<ExportResponse.NotificationEntry> Notifications,
    IReadOnlyList<ExportResponse.AccessEntry> AccessLog,
    IReadOnlyList<ExportResponse.WaitlistEntry> Waitlist)
{
    public static ExportResponse Of(PersonalDataExport e) => new(
        e.PatientId,
        PatientResponse.Of(e.Profile),
        e.Appointments.Select(AppointmentResponse.Of).ToList(),
        e.Appointments.Select(a => new ConsentEntry(a.AppointmentId, a.Consent.Email, a.Consent.Sms)).ToList(),
        e.Notifications.Select(n => new NotificationEntry(n.AppointmentId, n.Kind, n.Channel, n.SentAt.ToString())).ToList(),
        e.AccessLog.Select(a => new AccessEntry(
            a.At.ToString(), a.Principal, a.Role, a.AppointmentId, a.Fields.Select(ApiFormat.FieldName).ToList(), a.Purpose, a.WaitlistId)).ToList(),
        e.Waitlist.Select(w => new WaitlistEntry(WaitlistResponse.Of(w.Entry), PatientResponse.Of(w.Patient), w.Reason, w.Consent)).ToList());

    public sealed record ConsentEntry(string AppointmentId, bool Email, bool Sms);

    public sealed record NotificationEntry(string AppointmentId, string Kind, string Channel, string SentAt);

    public sealed record AccessEntry(string At, string Principal, string Role, string? AppointmentId, IReadOnlyList<string> Fields, string Purpose, string? WaitlistId);

    /// <summary>A waitlist entry with the details given to it (<see cref="Patient"/> null once booked).</summary>
    public sealed record WaitlistEntry(WaitlistResponse Entry, PatientResponse? Patient, string? Reason, Domain.Patients.Consent Consent);
}
