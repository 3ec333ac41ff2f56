using Booking.Application.Booking;
using Booking.Application.Common;
using Booking.Domain.Appointments;
using Booking.Domain.Patients;
using NodaTime.Text;

namespace Booking.Application.Privacy;

/// <summary>
/// The one door to plaintext. Personal data is sealed here before any store sees it, and opened here only
/// for an actor with a purpose — each opening is written to the access log before the data is returned.
/// Each ciphertext is bound to its patient, record and field: moved elsewhere, it fails to open.
/// </summary>
public sealed class PersonalDataDoor(DataKeys dataKeys, IFieldCipher cipher, IAccessLog accessLog, TimeProvider time)
{
    public static readonly IReadOnlyList<PersonalField> AllFields = Enum.GetValues<PersonalField>();

    /// <param name="patientIsNew">the patient id was made by this request (a partner's patient): their key is created unread.</param>
    public Task<(SealedPatient Patient, string? Reason)> SealAsync(
        string patientId, string appointmentId, PatientDetails patient, string? reason, CancellationToken ct, bool patientIsNew = false) =>
        SealAsync(patientId, AppointmentRecord, appointmentId, patient, reason, patientIsNew, ct);

    /// <summary>A waitlist entry's patient details and reason, sealed like a booking's but bound to the entry.</summary>
    public Task<(SealedPatient Patient, string? Reason)> SealWaitlistAsync(
        string patientId, string waitlistId, PatientDetails patient, string? reason, CancellationToken ct) =>
        SealAsync(patientId, WaitlistRecord, waitlistId, patient, reason, false, ct);

    /// <summary>
    /// A waitlist entry's details opened for <paramref name="principal"/>; logged first, under the entry's id. Nulls when
    /// there is nothing to open (booked, or erased).
    /// </summary>
    public async Task<(PatientDetails? Patient, string? Reason)> OpenWaitlistAsync(
        string principal, string role, string purpose, Waitlist.WaitlistEntry entry, string? credentialId, CancellationToken ct)
    {
        var key = entry.Patient is null ? null : await dataKeys.FindAsync(DataKeyOwner.Patient(entry.PatientId), ct);
        if (key is null)
        {
            return (null, null);
        }

        List<PersonalField> fields = [.. AllFields.Where(f => f != PersonalField.Reason || entry.SealedReason is not null)];
        await accessLog.AppendAsync(
            new AccessLogEntry(time.GetCurrentInstant(), principal, role, entry.PatientId, null, fields, purpose, credentialId, entry.WaitlistId), ct);

        using var keyed = cipher.WithKey(key.Key, key.KekVersion);
        string Open(PersonalField field, string envelope) => keyed.Open(Context(entry.PatientId, WaitlistRecord, entry.WaitlistId, field), envelope);
        return (OpenPatient(entry.Patient!, Open), entry.SealedReason is null ? null : Open(PersonalField.Reason, entry.SealedReason));
    }

    private async Task<(SealedPatient Patient, string? Reason)> SealAsync(
        string patientId, string record, string recordId, PatientDetails patient, string? reason, bool patientIsNew, CancellationToken ct)
    {
        var key = await dataKeys.GetOrCreateAsync(DataKeyOwner.Patient(patientId), ct, patientIsNew);
        using var keyed = cipher.WithKey(key.Key, key.KekVersion);
        string Seal(PersonalField field, string value) => keyed.Seal(Context(patientId, record, recordId, field), value);

        return (new SealedPatient(
                Seal(PersonalField.FirstName, patient.FirstName),
                Seal(PersonalField.LastName, patient.LastName),
                Seal(PersonalField.Email, patient.Email),
                Seal(PersonalField.Phone, patient.Phone),
                Seal(PersonalField.BirthDate, LocalDatePattern.Iso.Format(patient.BirthDate))),
            reason is null ? null : Seal(PersonalField.Reason, reason));
    }

    /// <summary>
    /// The appointment with its personal data opened for <paramref name="actor"/>; logged first. Patient and
    /// reason are null when erased (there is then nothing to open and nothing is logged).
    /// </summary>
    public async Task<AppointmentView> OpenAsync(Caller actor, string purpose, Appointment appointment, CancellationToken ct)
    {
        var key = appointment.Patient is null && appointment.SealedReason is null
            ? null
            : await dataKeys.FindAsync(DataKeyOwner.Patient(appointment.PatientId), ct);
        if (key is null)
        {
            return AppointmentView.Of(appointment, null, null);
        }

        var fields = appointment.Patient is null ? new List<PersonalField>() : [.. AllFields.Where(f => f != PersonalField.Reason)];
        if (appointment.SealedReason is not null)
        {
            fields.Add(PersonalField.Reason);
        }

        await accessLog.AppendAsync(
            new AccessLogEntry(time.GetCurrentInstant(), actor.Principal, actor.Role.ToString().ToLowerInvariant(), appointment.PatientId, appointment.Id, fields, purpose),
            ct);

        using var keyed = cipher.WithKey(key.Key, key.KekVersion);
        string Open(PersonalField field, string envelope) => keyed.Open(Context(appointment.PatientId, AppointmentRecord, appointment.Id, field), envelope);

        var patient = appointment.Patient is null ? null : OpenPatient(appointment.Patient, Open);
        var reason = appointment.SealedReason is null ? null : Open(PersonalField.Reason, appointment.SealedReason);
        return AppointmentView.Of(appointment, patient, reason);
    }

    /// <summary>Records a read by a principal without a bearer token (a partner), of data that is not sealed.</summary>
    public Task RecordReadAsync(string principal, string role, string purpose, string patientId, string appointmentId, string? credentialId, CancellationToken ct) =>
        accessLog.AppendAsync(new AccessLogEntry(time.GetCurrentInstant(), principal, role, patientId, appointmentId, [], purpose, credentialId), ct);

    /// <summary>Records an access that opens nothing (an erasure), so the log tells the whole story.</summary>
    public Task RecordAsync(Caller actor, string purpose, string patientId, string? appointmentId, CancellationToken ct) =>
        accessLog.AppendAsync(
            new AccessLogEntry(time.GetCurrentInstant(), actor.Principal, actor.Role.ToString().ToLowerInvariant(), patientId, appointmentId, [], purpose),
            ct);

    private const string AppointmentRecord = "appointment";
    private const string WaitlistRecord = "waitlist";

    private static PatientDetails OpenPatient(SealedPatient sealedPatient, Func<PersonalField, string, string> open) =>
        new(
            open(PersonalField.FirstName, sealedPatient.FirstName),
            open(PersonalField.LastName, sealedPatient.LastName),
            open(PersonalField.Email, sealedPatient.Email),
            open(PersonalField.Phone, sealedPatient.Phone),
            LocalDatePattern.Iso.Parse(open(PersonalField.BirthDate, sealedPatient.BirthDate)).GetValueOrThrow());

    private static string Context(string patientId, string record, string recordId, PersonalField field) =>
        $"booking-field|v1|{record}|{recordId}|{field}|{patientId}";
}
