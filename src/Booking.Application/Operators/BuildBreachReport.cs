using System.Text.RegularExpressions;
using Booking.Application.Booking;
using Booking.Application.Common;
using Booking.Application.Privacy;
using Booking.Application.Storage;
using Booking.Domain.Appointments;
using Booking.Domain.Common;
using NodaTime;
using NodaTime.Text;

namespace Booking.Application.Operators;

/// <summary>
/// An operator asks what a principal (<c>partner:{id}</c>, <c>practitioner:{id}</c>, <c>patient:{id}</c>,
/// <c>operator:{id}</c>) read between two instants. Counts are of distinct appointments and patients; each
/// appointment is listed once, with its first access in the window and every field read. The report holds ids only.
/// </summary>
public sealed partial class BuildBreachReport(IAccessLog accessLog, IDocumentStore<Appointment> appointments)
{
    public static readonly Duration MaxWindow = Duration.FromDays(366);

    public async Task<Outcome<BreachReport>> HandleAsync(Caller caller, string? principal, string? fromText, string? toText, CancellationToken ct)
    {
        if (caller.Role != Role.Operator)
        {
            return Failure.Forbidden("Only operators read breach reports.");
        }

        var errors = new List<DomainError>();
        if (principal is null || !PrincipalPattern().IsMatch(principal))
        {
            errors.Add(new DomainError("invalid-principal", "principal must be partner:{id}, partner-key:{keyId}, practitioner:{id}, patient:{id} or operator:{id}.", "principal"));
        }

        var from = ParseInstant(fromText, "from", errors);
        var to = ParseInstant(toText, "to", errors);
        if (from is { } f && to is { } t && (t <= f || t - f > MaxWindow))
        {
            errors.Add(new DomainError("invalid-window", $"to must be after from, at most {MaxWindow.Days} days later.", "to"));
        }

        if (errors.Count > 0)
        {
            return Failure.Validation(errors);
        }

        // partner-key:{keyId} selects what one API key read (a leaked key), whichever partner it belongs to.
        var reads = (await accessLog.BetweenAsync(from!.Value, to!.Value, ct))
            .Where(e => principal!.StartsWith("partner-key:", StringComparison.Ordinal) ? "partner-key:" + e.CredentialId == principal : e.Principal == principal)
            .ToList();
        var listed = new List<BreachReport.Read>();
        foreach (var group in reads.Where(e => e.AppointmentId is not null).GroupBy(e => e.AppointmentId!))
        {
            var appointment = await appointments.ReadAsync(AppointmentKeys.Appointment(group.Key), ct);
            listed.Add(new BreachReport.Read(
                group.Key, appointment?.Value.PractitionerId, group.Min(e => e.At), group.SelectMany(e => e.Fields).Distinct().Order().ToList()));
        }

        return new BreachReport(principal!, from.Value, to.Value, listed.Count, reads.Select(e => e.PatientId).Distinct().Count(), listed.OrderBy(r => r.AccessedAt).ToList());
    }

    private static Instant? ParseInstant(string? text, string field, List<DomainError> errors)
    {
        var parsed = text is null ? null : OffsetDateTimePattern.ExtendedIso.Parse(text);
        if (parsed is { Success: true })
        {
            return parsed.Value.ToInstant();
        }

        errors.Add(new DomainError("invalid-instant", $"{field} must be an ISO 8601 instant with an offset, e.g. 2026-11-28T09:00:00Z.", field));
        return null;
    }

    [GeneratedRegex("^(partner|partner-key|practitioner|patient|operator):[A-Za-z0-9_.@-]{1,128}$")]
    private static partial Regex PrincipalPattern();
}
