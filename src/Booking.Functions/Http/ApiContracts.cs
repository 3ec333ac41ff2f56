using Booking.Application.Booking;
using Booking.Application.Practitioners;
using Booking.Application.Search;
using Booking.Domain.Appointments;
using Booking.Domain.Patients;

namespace Booking.Functions.Http;

// Response bodies exactly as API.md and openapi.json describe them.
/// <summary>A page of a list: <see cref="Next"/> is the cursor of the next page, null on the last (always sent).</summary>
public sealed record ItemsResponse<T>(IReadOnlyList<T> Items, string? Next);

public sealed record SlotResponse(string SlotId, string Start, string End)
{
    public static SlotResponse Of(FreeSlot slot) =>
        new(slot.Placement.SlotId, ApiFormat.Time(slot.Placement.LocalStart), ApiFormat.Time(slot.Placement.LocalEnd));
}

public sealed record SlotListResponse(string PractitionerId, string TimeZone, IReadOnlyList<SlotResponse> Slots, string? Next);

public sealed record PractitionerResponse(
    string PractitionerId, string DisplayName, string Specialty, string City, string TimeZone, IReadOnlyList<VisitTypeResponse> VisitTypes)
{
    public static PractitionerResponse Of(PractitionerView p) =>
        new(p.PractitionerId, p.DisplayName, p.Specialty, p.City, p.TimeZone, p.VisitTypes.Select(VisitTypeResponse.Of).ToList());
}

/// <summary>A visit type as patients see it: no ranges, no online flag (only online types are shown).</summary>
public sealed record VisitTypeResponse(string VisitTypeId, string Name, int Minutes, bool NewPatients, string? Instructions)
{
    public static VisitTypeResponse Of(Domain.Practitioners.VisitType t) => new(t.VisitTypeId, t.Name, t.Minutes, t.NewPatients, t.Instructions);
}

public sealed record SearchHitResponse(
    string PractitionerId, string DisplayName, string Specialty, string City, string TimeZone,
    IReadOnlyList<VisitTypeResponse> VisitTypes, IReadOnlyList<SlotResponse> FirstFreeSlots)
{
    public static SearchHitResponse Of(SearchHit hit) => new(
        hit.Practitioner.PractitionerId, hit.Practitioner.DisplayName, hit.Practitioner.Specialty, hit.Practitioner.City,
        hit.Practitioner.TimeZone, hit.Practitioner.VisitTypes.Select(VisitTypeResponse.Of).ToList(), hit.FirstFreeSlots.Select(SlotResponse.Of).ToList());
}

public sealed record BookingResponse(string AppointmentId, AppointmentStatus Status, string PractitionerId, string Start, string End);

public sealed record PatientResponse(string FirstName, string LastName, string Email, string Phone, string BirthDate)
{
    public static PatientResponse? Of(PatientDetails? p) =>
        p is null ? null : new(p.FirstName, p.LastName, p.Email, p.Phone, ApiFormat.Date(p.BirthDate));
}

public sealed record AppointmentResponse(
    string AppointmentId, AppointmentStatus Status, string PractitionerId, string Start, string End,
    PatientResponse? Patient, string? Reason, Consent Consent)
{
    public static AppointmentResponse Of(AppointmentView a) => new(
        a.AppointmentId, a.Status, a.PractitionerId, ApiFormat.Time(a.Start), ApiFormat.Time(a.End),
        PatientResponse.Of(a.Patient), a.Reason, a.Consent);
}

public sealed record CancellationResponse(string AppointmentId, AppointmentStatus Status);

public sealed record AgendaPatientResponse(string FirstName, string LastName, string Phone, string Email);

public sealed record AgendaEntryResponse(
    string AppointmentId, string Start, string End, AppointmentStatus Status, AgendaPatientResponse? Patient, string? Reason)
{
    public static AgendaEntryResponse Of(AppointmentView a) => new(
        a.AppointmentId, ApiFormat.Time(a.Start), ApiFormat.Time(a.End), a.Status,
        a.Patient is { } p ? new AgendaPatientResponse(p.FirstName, p.LastName, p.Phone, p.Email) : null, a.Reason);
}

public sealed record AgendaResponse(string Date, IReadOnlyList<AgendaEntryResponse> Appointments, string? Next);

public sealed record HealthResponse(string Status);

public sealed record PartnerKeyResponse(string KeyId, string Status, string CreatedAt, string? RevokedAt)
{
    public static PartnerKeyResponse Of(Application.Partners.PartnerKeyView k) => new(
        k.KeyId, k.RevokedAt is null ? "active" : "revoked", NodaTime.Text.InstantPattern.ExtendedIso.Format(k.CreatedAt),
        k.RevokedAt is { } revoked ? NodaTime.Text.InstantPattern.ExtendedIso.Format(revoked) : null);
}

public sealed record PartnerResponse(
    string PartnerId, string Name, string Status, IReadOnlyList<string> PractitionerIds, string? WebhookUrl, IReadOnlyList<PartnerKeyResponse> Keys)
{
    public static PartnerResponse Of(Application.Partners.PartnerView p) => new(
        p.PartnerId, p.Name, p.Suspended ? "suspended" : "active", p.PractitionerIds, p.WebhookUrl?.ToString(), p.Keys.Select(PartnerKeyResponse.Of).ToList());
}

public sealed record ManagedAppointmentResponse(string AppointmentId, AppointmentStatus Status, string Start, string End, string PractitionerName)
{
    public static ManagedAppointmentResponse Of(Application.ManageLinks.ManagedAppointmentView a) =>
        new(a.AppointmentId, a.Status, ApiFormat.Time(a.Start), ApiFormat.Time(a.End), a.PractitionerName);
}
