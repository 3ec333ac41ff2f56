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

    public async Task<(SealedPatient Patient, string? Reason)> SealAsync(
        string patientId, string appointmentId, PatientDetails patient, string? reason, CancellationToken ct)
    {
        var key = await dataKeys.GetOrCreateAsync(DataKeyOwner.Patient(patientId), ct);
        using var keyed = cipher.WithKey(key.Key, key.KekVersion);
        string Seal(PersonalField field, string value) => keyed.Seal(Context(patientId, appointmentId, field), value);

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
        string Open(PersonalField field, string envelope) => keyed.Open(Context(appointment.PatientId, appointment.Id, field), envelope);

        var sealedPatient = appointment.Patient;
        var patient = sealedPatient is null
            ? null
            : new PatientDetails(
                Open(PersonalField.FirstName, sealedPatient.FirstName),
                Open(PersonalField.LastName, sealedPatient.LastName),
                Open(PersonalField.Email, sealedPatient.Email),
                Open(PersonalField.Phone, sealedPatient.Phone),
                LocalDatePattern.Iso.Parse(Open(PersonalField.BirthDate, sealedPatient.BirthDate)).GetValueOrThrow());
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

    private static string Context(string patientId, string recordId, PersonalField field) =>
        $"booking-field|v1|appointment|{recordId}|{field}|{patientId}";
}
