namespace Booking.Functions.Http;

/// <summary>
/// The paths, as anchored regexes over the route templates, that no route serves with a method (or at all), for
/// <see cref="UnmatchedRouteFunctions"/>. Attributes need constants, so these are written out; a test derives each
/// from the declared routes and fails when a route is added, removed or changes its methods without them.
/// </summary>
public static class UnmatchedPaths
{
    public const string WithoutGet = "^(appointments|appointments/[^/]+/cancel|appointments/[^/]+/reschedule|holds|holds/[^/]+|manage/[^/]+/cancel|me|offers/[^/]+/accept|offers/[^/]+/decline|partners|partners/[^/]+/keys|partners/[^/]+/resume|partners/[^/]+/suspend|practitioners/[^/]+/schedule|waitlist)$";

    public const string WithoutPost = "^(appointments/[^/]+|health|holds/[^/]+|manage/[^/]+|me|me/appointments|me/export|me/waitlist|offers/[^/]+|openapi\\.json|operator/breach-report|partner/appointments/[^/]+|partners/[^/]+|partners/[^/]+/keys/[^/]+|practitioners/[^/]+|practitioners/[^/]+/agenda|practitioners/[^/]+/schedule|practitioners/[^/]+/slots|waitlist/[^/]+)$";

    public const string WithoutPut = "^(appointments|appointments/[^/]+|appointments/[^/]+/cancel|appointments/[^/]+/reschedule|health|holds|holds/[^/]+|manage/[^/]+|manage/[^/]+/cancel|me|me/appointments|me/export|me/waitlist|offers/[^/]+|offers/[^/]+/accept|offers/[^/]+/decline|openapi\\.json|operator/breach-report|partner/appointments/[^/]+|partners|partners/[^/]+|partners/[^/]+/keys|partners/[^/]+/keys/[^/]+|partners/[^/]+/resume|partners/[^/]+/suspend|practitioners|practitioners/[^/]+|practitioners/[^/]+/agenda|practitioners/[^/]+/slots|waitlist|waitlist/[^/]+)$";

    public const string WithoutDelete = "^(appointments|appointments/[^/]+|appointments/[^/]+/cancel|appointments/[^/]+/reschedule|health|holds|manage/[^/]+|manage/[^/]+/cancel|me/appointments|me/export|me/waitlist|offers/[^/]+|offers/[^/]+/accept|offers/[^/]+/decline|openapi\\.json|operator/breach-report|partner/appointments/[^/]+|partners|partners/[^/]+|partners/[^/]+/keys|partners/[^/]+/resume|partners/[^/]+/suspend|practitioners|practitioners/[^/]+|practitioners/[^/]+/agenda|practitioners/[^/]+/schedule|practitioners/[^/]+/slots|waitlist)$";

    public const string Known = "^(appointments|appointments/[^/]+|appointments/[^/]+/cancel|appointments/[^/]+/reschedule|health|holds|holds/[^/]+|manage/[^/]+|manage/[^/]+/cancel|me|me/appointments|me/export|me/waitlist|offers/[^/]+|offers/[^/]+/accept|offers/[^/]+/decline|openapi\\.json|operator/breach-report|partner/appointments/[^/]+|partners|partners/[^/]+|partners/[^/]+/keys|partners/[^/]+/keys/[^/]+|partners/[^/]+/resume|partners/[^/]+/suspend|practitioners|practitioners/[^/]+|practitioners/[^/]+/agenda|practitioners/[^/]+/schedule|practitioners/[^/]+/slots|waitlist|waitlist/[^/]+)$";

    public const string Unknown = "^(?!(?:appointments|appointments/[^/]+|appointments/[^/]+/cancel|appointments/[^/]+/reschedule|health|holds|holds/[^/]+|manage/[^/]+|manage/[^/]+/cancel|me|me/appointments|me/export|me/waitlist|offers/[^/]+|offers/[^/]+/accept|offers/[^/]+/decline|openapi\\.json|operator/breach-report|partner/appointments/[^/]+|partners|partners/[^/]+|partners/[^/]+/keys|partners/[^/]+/keys/[^/]+|partners/[^/]+/resume|partners/[^/]+/suspend|practitioners|practitioners/[^/]+|practitioners/[^/]+/agenda|practitioners/[^/]+/schedule|practitioners/[^/]+/slots|waitlist|waitlist/[^/]+)$).*$";
}
