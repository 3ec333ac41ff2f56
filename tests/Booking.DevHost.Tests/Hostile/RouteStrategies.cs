using System.Globalization;

namespace Booking.DevHost.Tests.Hostile;

/// <summary>
/// How to aim at one route: the caller who gets past authorization (so hostile bodies reach validation) and the
/// values that make the rest of a request valid — path and query parameters and the body members that must name
/// something real. Everything else comes from openapi.json. A route without a row here fails the tests.
/// </summary>
public sealed record RouteStrategy(Func<HostileWorld, Credentials> Caller, Func<HostileWorld, IReadOnlyDictionary<string, string>> Values);

public static class RouteStrategies
{
    private static readonly Dictionary<string, string> Empty = [];

    public static readonly IReadOnlyDictionary<string, RouteStrategy> ByRoute = new Dictionary<string, RouteStrategy>
    {
        ["GET /health"] = new(_ => Credentials.None, _ => Empty),
        ["GET /openapi.json"] = new(_ => Credentials.None, _ => Empty),
        ["GET /practitioners"] = new(_ => Credentials.None, _ => new Dictionary<string, string>
        {
            ["city"] = "Évry", ["specialty"] = "Psychiatrie", ["from"] = Day(1), ["days"] = "7", ["limit"] = "20",
        }),
        ["POST /practitioners"] = new(w => Bearer(w.OperatorToken), _ => new Dictionary<string, string> { ["timeZone"] = "Europe/Paris" }),
        ["GET /practitioners/{practitionerId}/slots"] = new(_ => Credentials.None, w => new Dictionary<string, string>
        {
            ["practitionerId"] = w.ObservedPractitioner, ["from"] = Day(1), ["to"] = Day(8), ["limit"] = "500",
        }),
        ["GET /practitioners/{practitionerId}"] = new(_ => Credentials.None, w => Id("practitionerId", w.ObservedPractitioner)),
        ["PUT /practitioners/{practitionerId}/schedule"] = new(w => Bearer(w.SandboxPractitionerToken), w => new Dictionary<string, string>
        {
            ["practitionerId"] = w.SandboxPractitioner, ["timeZone"] = "Europe/Paris", ["start"] = "09:00", ["end"] = "12:00",
        }),
        ["GET /practitioners/{practitionerId}/agenda"] = new(w => Bearer(w.ObservedPractitionerToken), w => new Dictionary<string, string>
        {
            ["practitionerId"] = w.ObservedPractitioner, ["date"] = w.AgendaDate, ["limit"] = "20",
        }),
        ["POST /appointments"] = new(w => Bearer(w.ObservedPatientToken), w => new Dictionary<string, string>
        {
            ["slotId"] = w.TakenSlot, ["phone"] = "+33612345678", ["birthDate"] = "1980-02-29",
        }),
        ["GET /appointments/{appointmentId}"] = new(w => Bearer(w.ObservedPatientToken), w => Id("appointmentId", w.ObservedAppointment)),
        ["POST /appointments/{appointmentId}/cancel"] = new(w => Bearer(w.SandboxPatientToken), w => Id("appointmentId", w.CancelledAppointment)),
        ["POST /appointments/{appointmentId}/reschedule"] = new(w => Bearer(w.SandboxPatientToken), w => new Dictionary<string, string>
        {
            ["appointmentId"] = w.SandboxAppointment, ["slotId"] = w.TakenSlot,
        }),
        ["GET /me/appointments"] = new(w => Bearer(w.ObservedPatientToken), _ => new Dictionary<string, string> { ["limit"] = "20" }),
        ["GET /me/export"] = new(w => Bearer(w.ObservedPatientToken), _ => Empty),
        ["DELETE /me"] = new(w => Bearer(w.ThrowawayPatientToken), _ => Empty),
        // A taken slot: a valid request is refused (409) before anything is written.
        ["POST /holds"] = new(w => Bearer(w.SandboxPatientToken), w => Id("slotId", w.TakenSlot)),
        ["DELETE /holds/{holdId}"] = new(w => Bearer(w.SandboxPatientToken), _ => Id("holdId", "AAAAAAAAAAAAAAAAAAAAAA")),
        ["POST /partners"] = new(w => Bearer(w.OperatorToken), w => new Dictionary<string, string>
        {
            ["practitionerIds"] = w.SandboxPractitioner, ["webhookUrl"] = "https://example.org/hook",
        }),
        ["GET /partners/{partnerId}"] = new(w => Bearer(w.OperatorToken), w => Id("partnerId", w.SandboxPartner)),
        ["POST /partners/{partnerId}/suspend"] = new(w => Bearer(w.OperatorToken), w => Id("partnerId", w.SandboxPartner)),
        ["POST /partners/{partnerId}/resume"] = new(w => Bearer(w.OperatorToken), w => Id("partnerId", w.SandboxPartner)),
        ["POST /partners/{partnerId}/keys"] = new(w => Bearer(w.OperatorToken), w => Id("partnerId", w.SandboxPartner)),
        ["GET /partners/{partnerId}/keys/{keyId}"] = new(w => Bearer(w.OperatorToken), w => new Dictionary<string, string>
        {
            ["partnerId"] = w.SandboxPartner, ["keyId"] = "AAAAAAAAAAAA",
        }),
        ["DELETE /partners/{partnerId}/keys/{keyId}"] = new(w => Bearer(w.OperatorToken), w => new Dictionary<string, string>
        {
            ["partnerId"] = w.SandboxPartner, ["keyId"] = "AAAAAAAAAAAA",
        }),
        ["GET /partner/appointments/{appointmentId}"] = new(w => new Credentials(null, w.PartnerKey), w => Id("appointmentId", w.PartnerAppointment)),
        // The link is the credential: a valid one for the observed appointment (viewing changes nothing), and one for
        // an appointment already cancelled (cancelling again changes nothing either).
        ["GET /manage/{token}"] = new(_ => Credentials.None, w => Id("token", w.ObservedManageToken)),
        ["POST /manage/{token}/cancel"] = new(_ => Credentials.None, w => Id("token", w.CancelledManageToken)),
        // A sandbox patient waiting for the sandbox practitioner: a valid request joins (201) until the patient waits
        // five times (409). The offer timer is out of the way, so nothing is ever offered to these entries.
        ["POST /waitlist"] = new(w => Bearer(w.SandboxPatientToken), w => new Dictionary<string, string>
        {
            ["practitionerId"] = w.SandboxPractitioner, ["before"] = Day(7), ["phone"] = "+33612345678", ["birthDate"] = "1980-02-29",
        }),
        ["GET /waitlist/{waitlistId}"] = new(w => Bearer(w.ObservedPatientToken), w => Id("waitlistId", w.ObservedWaitlistEntry)),
        // The sandbox patient's entry: left once (204), then gone (404).
        ["DELETE /waitlist/{waitlistId}"] = new(w => Bearer(w.SandboxPatientToken), w => Id("waitlistId", w.SandboxWaitlistEntry)),
        ["GET /me/waitlist"] = new(w => Bearer(w.ObservedPatientToken), _ => new Dictionary<string, string> { ["limit"] = "20" }),
        // The link is the credential: an open offer (viewing changes nothing), and one already declined (taking or
        // letting it go again is 410 and changes nothing).
        ["GET /offers/{token}"] = new(_ => Credentials.None, w => Id("token", w.OpenOfferToken)),
        ["POST /offers/{token}/accept"] = new(_ => Credentials.None, w => Id("token", w.DeclinedOfferToken)),
        ["POST /offers/{token}/decline"] = new(_ => Credentials.None, w => Id("token", w.DeclinedOfferToken)),
        ["GET /operator/breach-report"] = new(w => Bearer(w.OperatorToken), _ => new Dictionary<string, string>
        {
            ["principal"] = "patient:patient-observed",
            ["from"] = DateTimeOffset.UtcNow.AddHours(-1).ToString("O", CultureInfo.InvariantCulture),
            ["to"] = DateTimeOffset.UtcNow.AddHours(1).ToString("O", CultureInfo.InvariantCulture),
        }),
    };

    private static Credentials Bearer(string token) => new(token, null);

    private static Dictionary<string, string> Id(string name, string value) => new() { [name] = value };

    private static string Day(int fromToday) => DateTime.UtcNow.AddDays(fromToday).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
