using Booking.Application.Booking;
using Booking.Application.Common;
using Booking.Application.Practitioners;
using Booking.Application.Privacy;
using Booking.Application.Storage;
using Booking.Domain.Practitioners;
using NodaTime;

namespace Booking.Application.Waitlist;

/// <summary>What an offer link shows: when, with whom, until when, and its state. Nothing about the patient, no reason, no specialty.</summary>
public sealed record OfferView(
    string WaitlistId, string Status, OffsetDateTime Start, OffsetDateTime End, string PractitionerName, Instant ExpiresAt, string? AppointmentId);

/// <summary>
/// The holder of an offer link views, takes or declines the offer, without logging in: the signed token is the
/// credential. A token malformed or tampered with, or whose entry is gone, is 404; an offer that ended (expired,
/// declined, passed on) is 410 <c>offer-ended</c>. Taking it books through the normal booking path as the patient
/// (their hold on the slot is converted), with their details opened from the entry (logged under the link's
/// fingerprint); then the entry ends, its sealed details dropped (the appointment holds them now).
/// </summary>
public sealed class AnswerOffer(
    OfferTokens tokens,
    IDocumentStore<WaitlistEntry> entries,
    IDocumentStore<PractitionerDay> days,
    IDocumentStore<Practitioner> practitioners,
    BookAppointment book,
    PersonalDataDoor door,
    OfferFreedSlots offers,
    TimeProvider time)
{
    public const string Principal = "offer-link";
    public const string Role = "link-holder";

    public static Failure Ended { get; } = new(
        FailureKind.Gone, "offer-ended", "This offer has ended: it expired, was declined or taken. The slot went to the next patient waiting.");

    public async Task<Outcome<OfferView>> ViewAsync(string? token, CancellationToken ct)
    {
        var found = await FindAsync(token, ct);
        if (found is null)
        {
            return Failure.NotFound("offer");
        }

        var (reference, stored) = found.Value;
        var entry = stored.Value;
        var now = time.GetCurrentInstant();
        if (entry.BookedOfferId == reference.OfferId)
        {
            return await ViewOfAsync(entry, "accepted", entry.Offer!, ct);
        }

        return entry.Offer is { } offer && offer.OfferId == reference.OfferId && offer.IsOpen(now)
            ? await ViewOfAsync(entry, "open", offer, ct)
            : Ended;
    }

    public async Task<Outcome<BookingReceipt>> AcceptAsync(string? token, CancellationToken ct)
    {
        var found = await FindAsync(token, ct);
        if (found is null)
        {
            return Failure.NotFound("offer");
        }

        var (reference, stored) = found.Value;
        var entry = stored.Value;
        if (entry.BookedOfferId == reference.OfferId)
        {
            return await ReplayAsync(entry, ct);
        }

        if (entry.Offer is not { } offer || offer.OfferId != reference.OfferId || !offer.IsOpen(time.GetCurrentInstant()))
        {
            return Ended;
        }

        var (patient, reason) = await door.OpenWaitlistAsync(Principal, Role, AccessPurpose.OfferHolderBooks, entry, OfferTokens.Fingerprint(token!), ct);
        if (patient is null)
        {
            return Failure.NotFound("offer");
        }

        var slotId = SlotId.TryParse(offer.Placement.SlotId)!;
        var booked = await book.HandleForOfferAsync(
            entry.PatientId, offer.OfferId, new ValidBooking(slotId, patient, reason, entry.Consent, offer.Placement.VisitTypeId), ct);
        if (booked.Succeeded)
        {
            await entries.UpdateAsync(
                stored.Key,
                e => e with { AppointmentId = booked.Value.AppointmentId, BookedOfferId = offer.OfferId, Patient = null, SealedReason = null },
                ct);
        }

        return booked;
    }

    /// <summary>The patient lets the offer go: the slot is free again and offered to the next patient at once.</summary>
    public async Task<Outcome<bool>> DeclineAsync(string? token, CancellationToken ct)
    {
        var found = await FindAsync(token, ct);
        if (found is null)
        {
            return Failure.NotFound("offer");
        }

        var (reference, stored) = found.Value;
        if (stored.Value.Offer is not { } offer || offer.OfferId != reference.OfferId || !offer.IsOpen(time.GetCurrentInstant()))
        {
            return Ended;
        }

        var passed = stored.Value.PassOffer();
        if (await entries.TryReplaceAsync(stored.Key, passed, stored.ETag, passed.ExpiresAt, ct) is null)
        {
            return await DeclineAsync(token, ct);
        }

        await days.UpdateAsync(PractitionerKeys.Day(passed.PractitionerId, offer.Placement.Date), d => d.Unreserve(offer.OfferId) ?? d, ct);
        await offers.RunForAsync(passed.PractitionerId, ct);
        return true;
    }

    private async Task<(OfferReference Reference, Versioned<WaitlistEntry> Entry)?> FindAsync(string? token, CancellationToken ct)
    {
        var reference = await tokens.ReadAsync(token, ct);
        var stored = reference is null ? null : await entries.ReadAsync(WaitlistKeys.Entry(reference.PractitionerId, reference.WaitlistId), ct);
        return stored is null ? null : (reference!, stored);
    }

    // Taken already: the booking's receipt again, as a repeated booking request gets it.
    private async Task<Outcome<BookingReceipt>> ReplayAsync(WaitlistEntry entry, CancellationToken ct)
    {
        var view = await ViewOfAsync(entry, "accepted", entry.Offer!, ct);
        return new BookingReceipt(true, entry.AppointmentId, entry.PractitionerId, view.Start, view.End);
    }

    private async Task<OfferView> ViewOfAsync(WaitlistEntry entry, string status, WaitlistOffer offer, CancellationToken ct)
    {
        var practitioner = await practitioners.ReadAsync(PractitionerKeys.Profile(entry.PractitionerId), ct);
        return new OfferView(
            entry.WaitlistId, status, offer.Placement.LocalStart, offer.Placement.LocalEnd, practitioner?.Value.Profile.DisplayName ?? "your practitioner",
            offer.ExpiresAt, entry.AppointmentId);
    }
}
