using System.Text.Json.Serialization;
using Booking.Domain.Common;
using Booking.Domain.Patients;
using NodaTime;

namespace Booking.Domain.Appointments;

/// <summary>
/// A patient's appointment with a practitioner. <see cref="PatientId"/> is the patient's account id
/// (derived from their token), never a name; <see cref="ErasedPatientId"/> once they had their data erased. <see cref="Patient"/> and <see cref="SealedReason"/> hold sealed envelopes,
/// never plaintext; they are null once the patient's data is erased.
/// <see cref="ReleasePending"/> is a slot this appointment left (rescheduled) and has still to free.
/// <see cref="PartnerId"/> names the partner whose software booked it, if one did.
/// <see cref="Outbox"/> holds the events of changes not yet published, written by the change's own write; <see cref="ToFile"/>
/// says a new booking is still to be filed under its patient and in the reminder and retention indexes. While either is
/// pending the appointment is <see cref="IsUnsettled"/>: it carries a sort key by its last change, so the outbox sweeper finds
/// it by one query of its partition; once settled it has none and costs that index nothing (see OutboxPublisher).
/// </summary>
public sealed record Appointment(
    string Id,
    string PractitionerId,
    string PatientId,
    SlotPlacement Placement,
    SealedPatient? Patient,
    string? SealedReason,
    Consent Consent,
    AppointmentStatus Status,
    Instant CreatedAt,
    Instant UpdatedAt,
    SlotPlacement? ReleasePending,
    IReadOnlyList<AppointmentEvent> Outbox,
    string? PartnerId = null,
    bool ToFile = false) : ISortedDocument
{
    /// <summary>The tag of unsettled appointments, the only ones in a sorted query.</summary>
    public const string UnsettledTag = "unsettled";

    private static readonly IReadOnlyList<string> UnsettledTags = [UnsettledTag];
    public const int MaxReasonLength = 500;

    /// <summary>The patient id an erased appointment keeps: the same for everyone, so nothing links it to the person.</summary>
    public const string ErasedPatientId = "erased";

    public bool IsVisible => Status is AppointmentStatus.Confirmed or AppointmentStatus.Cancelled;

    /// <summary>Events to publish or a filing to do: a change's work is not finished.</summary>
    [JsonIgnore]
    public bool IsUnsettled => Outbox.Count > 0 || ToFile;

    /// <summary>Unsettled ones by their last change (Unix ticks, zero-padded: oldest first), then id; null once settled.</summary>
    [JsonIgnore]
    public string? SortKey => IsUnsettled ? $"{UpdatedAt.ToUnixTimeTicks():D19}.{Id}" : null;

    [JsonIgnore]
    public IReadOnlyList<string> Tags => IsUnsettled ? UnsettledTags : [];

    public static Appointment Draft(
        string id, string practitionerId, string patientId, SlotPlacement placement,
        SealedPatient patient, string? sealedReason, Consent consent, Instant now) =>
        new(id, practitionerId, patientId, placement, patient, sealedReason, consent,
            AppointmentStatus.Pending, now, now, null, []);

    public Appointment Confirm(Instant now) => Status == AppointmentStatus.Pending
        ? this with { Status = AppointmentStatus.Confirmed, UpdatedAt = now, Outbox = [.. Outbox, Raise(AppointmentEventType.AppointmentConfirmed, now)] }
        : this;

    public Appointment Abandon(Instant now) => Status == AppointmentStatus.Pending
        ? this with { Status = AppointmentStatus.Abandoned, UpdatedAt = now }
        : this;

    /// <summary>Cancels a confirmed appointment; cancelling again changes nothing.</summary>
    public Appointment Cancel(Instant now) => Status == AppointmentStatus.Confirmed
        ? this with { Status = AppointmentStatus.Cancelled, UpdatedAt = now, Outbox = [.. Outbox, Raise(AppointmentEventType.AppointmentCancelled, now)] }
        : this;

    /// <summary>Moves to <paramref name="placement"/>, already held; the old slot is to be freed next.</summary>
    public Appointment MoveTo(SlotPlacement placement, Instant now) =>
        this with
        {
            Placement = placement,
            ReleasePending = Placement,
            UpdatedAt = now,
            Outbox = [.. Outbox, Raise(AppointmentEventType.AppointmentRescheduled, now)],
        };

    public Appointment SlotReleased() => this with { ReleasePending = null };

    /// <summary>
    /// Drops the sealed personal data (their key is destroyed too) and the patient's id; the appointment itself stays,
    /// a time taken in the practitioner's agenda.
    /// </summary>
    public Appointment Erase(Instant now) =>
        PatientId == ErasedPatientId && Patient is null && SealedReason is null
            ? this
            : this with { PatientId = ErasedPatientId, Patient = null, SealedReason = null, UpdatedAt = now };

    private AppointmentEvent Raise(AppointmentEventType type, Instant now) => new(OpaqueId.New(), type, Id, now);
}
