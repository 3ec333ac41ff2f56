using NodaTime;

namespace Booking.Application.Waitlist;

/// <summary>What a patient sees of a waitlist entry: ids, dates and state, no personal data (the export shows that).</summary>
public sealed record WaitlistReceipt(
    string WaitlistId, string PractitionerId, string VisitTypeId, LocalDate Before, WaitlistStatus Status, Instant CreatedAt,
    OffsetDateTime? OfferStart, OffsetDateTime? OfferEnd, Instant? OfferExpiresAt, string? AppointmentId)
{
    public static WaitlistReceipt Of(WaitlistEntry entry, Instant now)
    {
        var status = entry.StatusAt(now);
        var offer = status == WaitlistStatus.Offered ? entry.Offer : null;
        return new(entry.WaitlistId, entry.PractitionerId, entry.VisitTypeId, entry.Before, status, entry.CreatedAt,
            offer?.Placement.LocalStart, offer?.Placement.LocalEnd, offer?.ExpiresAt, entry.AppointmentId);
    }
}
